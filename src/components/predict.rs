//! Predict mode's card, above the narration: the question waiting before
//! the next step (choices as buttons, keys 1 to 4), then whether the answer
//! was right, the explanation with its RFC section, and the score.

use super::use_ctx;
use crate::i18n::{catalog, t, ta};
use leptos::prelude::*;
use protocol_core::explain::{Arg, Words};
use protocol_core::quiz::{label_in, prompt_in};

#[component]
pub fn PredictCard() -> impl IntoView {
    let ctx = use_ctx();
    let body = move || {
        let pos = ctx.player.with(|p| p.position);
        let words = catalog();
        ctx.predict.with(|p| {
            let p = p.as_ref()?;
            let score = {
                let (right, given, all) = p.score();
                let n = crate::i18n::num;
                ta("predict-score", &[("right", n(right)), ("given", n(given)), ("all", n(all))])
            };
            if let Some(q) = p.pending(pos) {
                let event = q.event;
                let choices = q
                    .choices
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        view! {
                            <li><button class="choice" on:click=move |_| ctx.answer(event, i)>
                                <kbd aria-hidden="true">{(i + 1).to_string()}</kbd>" "{label_in(c, &*words)}
                            </button></li>
                        }
                    })
                    .collect_view();
                return Some(
                    view! {
                        <div class="predict-card" role="group" aria-labelledby="predict-prompt">
                            <p class="predict-tag">{t("predict-tag")}</p>
                            <p class="predict-prompt" id="predict-prompt">{prompt_in(q, &*words)}</p>
                            <ol class="predict-choices">{choices}</ol>
                            <p class="predict-score muted small">{score}" · "{ta("predict-keys", &[("n", crate::i18n::num(q.choices.len()))])}</p>
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
                    t("predict-right")
                } else {
                    ta("predict-wrong", &[("answer", Arg::Str(&label_in(&q.choices[q.answer], &*words)))])
                };
                let x = q.explanation;
                let words = catalog();
                Some(view! {
                    <p class="predict-verdict" class:right=right class:wrong=!right>
                        {verdict}<span class="muted">" "{ta("predict-chose", &[("choice", Arg::Str(&label_in(&q.choices[given], &*words)))])}</span>
                    </p>
                    <h3>{words.title(x).into_owned()}</h3>
                    <p class="why">{words.text(x).into_owned()}</p>
                    <p class="rfc">{t("narration-reference")}" "<cite lang="en">{x.rfc}</cite></p>
                })
            });
            let hint = if p.cap() == usize::MAX {
                t("predict-no-more")
            } else {
                t("predict-play-on")
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
