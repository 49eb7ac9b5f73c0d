//! Numbers for SVG coordinates, CSS lengths and labels, written without
//! f64's `Display`: its shortest-representation and fixed-precision
//! machinery (Grisu, Dragon) costs about 14 KB of wasm before wasm-opt.

/// `v` rounded to at most `decimals` digits after the point, with trailing
/// zeros (and a bare point) dropped: `fixed(12.25, 1)` is "12.3" (halves
/// round away from zero), `fixed(4.0, 2)` is "4", `fixed(0.25, 2)` is "0.25".
pub fn fixed(v: f64, decimals: u32) -> String {
    let scale = 10u64.pow(decimals);
    // Saturating cast: NaN becomes 0, which is harmless in an attribute.
    let n = (v.abs() * scale as f64).round() as u64;
    let (whole, mut frac) = (n / scale, n % scale);
    let mut out = if v < 0.0 && n != 0 {
        format!("-{whole}")
    } else {
        whole.to_string()
    };
    if frac != 0 {
        let mut digits = decimals as usize;
        while frac % 10 == 0 {
            frac /= 10;
            digits -= 1;
        }
        out.push_str(&format!(".{frac:0digits$}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fixed;

    #[test]
    fn matches_display_for_the_values_shown() {
        for (v, d, want) in [
            (0.25, 2, "0.25"),
            (0.5, 2, "0.5"),
            (1.0, 2, "1"),
            (4.0, 2, "4"),
            (336.6666666666667, 1, "336.7"),
            (12.25, 1, "12.3"),
            (-3.04, 1, "-3"),
            (-0.04, 1, "0"),
            (-12.5, 0, "-13"),
            (16.666666666666668, 3, "16.667"),
            (100.0, 3, "100"),
            (1.05, 2, "1.05"),
            (0.0, 1, "0"),
        ] {
            assert_eq!(fixed(v, d), want, "fixed({v}, {d})");
        }
    }
}
