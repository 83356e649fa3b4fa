//! Which language a request is shown in: a pure decision.

use super::Lang;

/// At most this many `Accept-Language` entries are read: the header is
/// the client's, and a long one is no more informative.
const MAX_RANGES: usize = 16;

/// The user's saved choice first, then the browser's preferences, then the
/// configured default.
pub fn negotiate(saved: Option<&str>, accept_language: Option<&str>, default: Lang) -> Lang {
    if let Some(l) = saved.and_then(Lang::parse) {
        return l;
    }
    accept_language
        .map(parse_accept_language)
        .and_then(|ranges| ranges.into_iter().next())
        .unwrap_or(default)
}

/// The shipped languages an `Accept-Language` value asks for, best first
/// (RFC 9110 12.5.4: weights from 0 to 1, `q=0` meaning "not acceptable";
/// equal weights keep their order). Unknown and malformed ranges are
/// skipped, and `*` adds nothing: the default decides then.
pub fn parse_accept_language(header: &str) -> Vec<Lang> {
    let mut ranges: Vec<(u16, usize, Lang)> = Vec::new();
    for (position, item) in header.split(',').take(MAX_RANGES).enumerate() {
        let mut parts = item.split(';');
        let tag = parts.next().unwrap_or("").trim();
        let weight = parts
            .find_map(|p| {
                let (k, v) = p.split_once('=')?;
                k.trim().eq_ignore_ascii_case("q").then(|| weight(v.trim()))
            })
            .unwrap_or(Some(1000));
        let (Some(weight), Some(lang)) =
            (weight, valid_tag(tag).then(|| Lang::parse(tag)).flatten())
        else {
            continue;
        };
        if weight > 0 && !ranges.iter().any(|(_, _, l)| *l == lang) {
            ranges.push((weight, position, lang));
        }
    }
    ranges.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    ranges.into_iter().map(|(_, _, l)| l).collect()
}

/// A q-value in thousandths, or None when malformed.
fn weight(v: &str) -> Option<u16> {
    let (int, frac) = v.split_once('.').unwrap_or((v, ""));
    if frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let millis = format!("{frac:0<3}").parse::<u16>().ok()?;
    match int {
        "0" => Some(millis),
        "1" if millis == 0 => Some(1000),
        _ => None,
    }
}

/// A language range as RFC 4647 2.1 writes it: letters, digits and hyphens.
fn valid_tag(tag: &str) -> bool {
    !tag.is_empty()
        && tag.len() <= 35
        && tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}
