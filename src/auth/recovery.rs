//! Recovery codes: ten single-use codes, shown once, stored as digests.

use crate::crypto;

pub const COUNT: usize = 10;
/// No 0/o, 1/l/i: easy to copy from paper.
const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// Ten fresh codes, formatted `xxxxx-xxxxx` (about 49 bits each).
pub fn generate() -> Vec<String> {
    (0..COUNT)
        .map(|_| {
            let bytes = crypto::random_bytes::<10>();
            let chars: String = bytes
                .iter()
                .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
                .collect();
            format!("{}-{}", &chars[..5], &chars[5..])
        })
        .collect()
}

/// The digest a code is stored under: case, spaces and dashes don't matter.
pub fn digest(code: &str) -> String {
    let normal: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    crypto::digest(&normal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct_and_normalized() {
        let codes = generate();
        assert_eq!(codes.len(), COUNT);
        let mut d: Vec<_> = codes.iter().map(|c| digest(c)).collect();
        d.dedup();
        assert_eq!(d.len(), COUNT);
        assert_eq!(digest("ABCDE-FGHJK"), digest("abcde fghjk"));
    }
}
