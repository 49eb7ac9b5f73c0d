//! Predict mode's card, above the narration: the question waiting before
//! the next step (choices as buttons, keys 1 to 4), then whether the answer
//! was right, the explanation with its RFC section, and the score.

use super::use_ctx;
use crate::predict::score_text;
use leptos::prelude::*;

#[component]
pub fn PredictCard() -> impl IntoView {
    let ctx = use_ctx();
    let body = move || {
        let pos = ctx.player.with(|p| p.position);
        ctx.predict.with(|p| {
            let p = p.as_ref()?;
            let score = score_text(p);
            if let Some(q) = p.pending(pos) {
                let event = q.event;
                let choices = q
                    .choices
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        view! {
                            <li><button class="choice" on:click=move |_| ctx.answer(event, i)>
                                <kbd aria-hidden="true">{(i + 1).to_string()}</kbd>" "{c.label.clone()}
                            </button></li>
                        }
                    })
                    .collect_view();
                return Some(
                    view! {
                        <div class="predict-card" role="group" aria-labelledby="predict-prompt">
                            <p class="predict-tag">"Predict what comes next"</p>
                            <p class="predict-prompt" id="predict-prompt">{q.prompt.clone()}</p>
                            <ol class="predict-choices">{choices}</ol>
                            <p class="predict-score muted small">{score}" · keys 1 to "{q.choices.len().to_string()}</p>
                        </div>
                    }
                    .into_any(),
                );
            }
            let feedback = p.last.and_then(|e| {
                let q = p.question(e)?;
                let given = p.given(e)?;
                let right = given == q.answer;
                let verdict = if right {
                    "Right!".to_string()
                } else {
                    format!("Not this time: the answer is {}.", q.choices[q.answer].label)
                };
                let x = q.explanation;
                Some(view! {
                    <p class="predict-verdict" class:right=right class:wrong=!right>
                        {verdict}<span class="muted">{format!(" You chose {}.", q.choices[given].label)}</span>
                    </p>
                    <h3>{x.title}</h3>
                    <p class="why">{x.text}</p>
                    <p class="rfc">"Reference: "<cite>{x.rfc}</cite></p>
                })
            });
            let hint = if p.cap() == usize::MAX {
                "No more questions in this scenario."
            } else {
                "Play or step on: the story stops at the next question."
            };
            Some(
                view! {
                    <div class="predict-card" role="status">
                        {feedback}
                        <p class="predict-score muted small">{score}" · "{hint}</p>
                    </div>
                }
                .into_any(),
            )
        })
    };
    view! { {body} }
}
