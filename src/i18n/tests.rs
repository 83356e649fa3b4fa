use super::*;

fn de() -> Lang {
    Lang::parse("de").unwrap_or(Lang::ENGLISH)
}

#[test]
fn accept_language_is_ordered_by_weight_then_position() {
    let codes = |h: &str| {
        parse_accept_language(h)
            .into_iter()
            .map(Lang::code)
            .collect::<Vec<_>>()
    };
    assert_eq!(codes("de-AT,de;q=0.9,en;q=0.8"), ["de", "en"]);
    assert_eq!(codes("fr;q=0.5, pl;q=0.7, xx, en"), ["en", "pl", "fr"]);
    assert_eq!(codes("pt-BR;q=0.2,nl;q=0"), ["pt"]);
    assert_eq!(codes("*, it;q=0.1"), ["it"]);
    assert!(codes("de;q=2, fr;q=0.1234, <script>, ;;;,").is_empty());
    assert_eq!(codes("ES;Q=1.000"), ["es"]);
}

#[test]
fn a_saved_choice_beats_the_browser_which_beats_the_default() {
    let fr = Lang::parse("fr").unwrap_or(Lang::ENGLISH);
    assert_eq!(negotiate(Some("de"), Some("fr"), Lang::ENGLISH), de());
    assert_eq!(negotiate(Some("klingon"), Some("fr"), Lang::ENGLISH), fr);
    assert_eq!(negotiate(None, Some("xx, yy"), de()), de());
    assert_eq!(negotiate(None, None, de()), de());
}

#[test]
fn plurals_follow_the_language() {
    let n = |lang: &str, count: i64| {
        text_in(
            Lang::parse(lang).unwrap_or(Lang::ENGLISH),
            "account-recovery-left",
            &[("count", Arg::Number(count))],
        )
    };
    assert!(n("en", 1).contains("1 unused code left"), "{}", n("en", 1));
    assert!(n("en", 3).contains("3 unused codes left"), "{}", n("en", 3));
    // Polish: few (2–4) and many (5+) are different words, not only
    // different numbers.
    let words = |lang: &str, count: i64| n(lang, count).replace(&count.to_string(), "#");
    assert_ne!(words("pl", 2), words("pl", 5));
    assert_eq!(words("pl", 5), words("pl", 11));
    assert_eq!(words("en", 2), words("en", 5));
}

#[test]
fn marked_text_escapes_the_message_and_the_value() {
    let html = h1("account-signed-in-as", "username", "<b>&", "strong");
    assert!(html.contains("<strong>&lt;b&gt;&amp;</strong>"), "{html}");
    assert!(!html.contains('\u{E000}'));
}

/// Every shipped catalogue translates every English message, and no
/// message only exists outside English.
#[test]
fn every_catalogue_has_every_english_key() {
    let english = catalogue_keys("en");
    assert!(english.len() > 100, "{} English keys", english.len());
    for lang in Lang::all() {
        let keys = catalogue_keys(lang.code());
        let missing: Vec<_> = english.iter().filter(|k| !keys.contains(*k)).collect();
        let extra: Vec<_> = keys.iter().filter(|k| !english.contains(*k)).collect();
        assert!(missing.is_empty(), "{}: missing {missing:?}", lang.code());
        assert!(
            extra.is_empty(),
            "{}: not in English {extra:?}",
            lang.code()
        );
        for k in &english {
            assert!(has_own(lang, k), "{}: {k} does not resolve", lang.code());
        }
    }
}

/// Every key that a template or the code looks up exists in English.
#[test]
fn every_key_used_exists() {
    let english = catalogue_keys("en");
    let root = env!("CARGO_MANIFEST_DIR");
    let mut used = Vec::new();
    for dir in ["templates", "src/web", "src/auth", "src/email", "src/cli"] {
        collect_used(&std::path::Path::new(root).join(dir), &mut used);
    }
    assert!(used.len() > 100, "{} keys used", used.len());
    let unknown: Vec<_> = used.iter().filter(|k| !english.contains(*k)).collect();
    assert!(unknown.is_empty(), "unknown keys: {unknown:?}");
}

fn catalogue_keys(code: &str) -> Vec<String> {
    let path = format!("{}/locales/{code}/main.ftl", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    text.lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
        .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim().to_string()))
        .collect()
}

/// Keys are looked up as `t("key"`, `t1("key"`, … : the first string
/// argument of those calls.
fn collect_used(dir: &std::path::Path, used: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect_used(&p, used);
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&p) else {
            continue;
        };
        for call in ["t(\"", "t1(\"", "t2(\"", "h1(\"", "h2(\""] {
            let pieces: Vec<&str> = text.split(call).collect();
            for (before, piece) in pieces.iter().zip(pieces.iter().skip(1)) {
                // `get("x"` is no lookup: the call must start a word.
                let starts_word = !before
                    .chars()
                    .last()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_');
                if !starts_word {
                    continue;
                }
                if let Some(key) = piece.split('"').next()
                    && !key.is_empty()
                    && key
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b == b'-' || b.is_ascii_digit())
                {
                    used.push(key.to_string());
                }
            }
        }
    }
}
