//! Writing CSV that is safe to open in a spreadsheet.

use std::borrow::Cow;

/// Prefixes `'` to a cell that a spreadsheet would run as a formula (starting with `=`, `+`,
/// `-`, `@`, tab or carriage return), as Decidim does in its exports.
/// A cell that already starts with `'` and a formula character gets one more `'`, so that
/// [`unguard_formula`] gives back exactly what was written.
pub fn guard_formula(cell: &str) -> Cow<'_, str> {
    match cell.as_bytes() {
        [b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r', ..]
        | [b'\'', b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r', ..] => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

/// Removes the `'` Decidim puts before a cell that starts with `=`, `+`, `-` or `@`.
/// A run of several `'` before a formula character loses one (see [`guard_formula`]).
pub fn unguard_formula(cell: &str) -> &str {
    let Some(rest) = cell.strip_prefix('\'') else {
        return cell;
    };
    match rest.trim_start_matches('\'').as_bytes() {
        [b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r', ..] => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guards_formulas_both_ways() {
        for payload in ["=1+1", "+39 055", "-2", "@SUM(A1)", "\tx", "\rx"] {
            let guarded = guard_formula(payload);
            assert!(guarded.starts_with('\''));
            assert_eq!(unguard_formula(&guarded), payload);
        }
        assert_eq!(guard_formula("Prato"), "Prato");
        assert_eq!(unguard_formula(&guard_formula("'=x")), "'=x");
        assert_eq!(unguard_formula("'ciao"), "'ciao");
    }
}
