//! Numbers for people: Italian groups thousands with a dot (20.000) and writes decimals with a
//! comma; English output keeps the plain digits it has always printed. Never used for JSON or
//! CSV, whose numbers are for machines.

use fluent_bundle::FluentValue;

/// Fluent's formatter for the Italian catalogue: whole numbers grouped, decimals with a comma.
pub fn format_it<M>(value: &FluentValue, _intls: &M) -> Option<String> {
    match value {
        FluentValue::Number(n) => Some(number_it(n.value)),
        _ => None,
    }
}

/// Fluent's formatter for the English catalogue: whole numbers as digits, nothing grouped.
pub fn format_en<M>(value: &FluentValue, _intls: &M) -> Option<String> {
    match value {
        FluentValue::Number(n) if n.value.fract() == 0.0 && n.value.abs() < 1e15 => {
            Some(format!("{}", n.value as i64))
        }
        _ => None,
    }
}

fn number_it(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        return grouped(value as i64);
    }
    let text = format!("{value}");
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let whole = grouped(whole.parse::<i64>().unwrap_or(0));
    if fraction.is_empty() {
        whole
    } else {
        format!("{whole},{fraction}")
    }
}

/// A whole number the way the run's language writes it for people: `20.000` in Italian,
/// `20000` in English.
#[allow(dead_code)] // for the tables of the conversion to come
pub fn count(n: impl Into<i64>) -> String {
    let n = n.into();
    match super::lang() {
        super::Lang::It => grouped(n),
        super::Lang::En => n.to_string(),
    }
}

/// `1234567` → `1.234.567`.
pub fn grouped(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn italian_groups_thousands_with_a_dot() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1.000");
        assert_eq!(grouped(200_000), "200.000");
        assert_eq!(grouped(-1_234_567), "-1.234.567");
        assert_eq!(number_it(1500.5), "1.500,5");
    }
}
