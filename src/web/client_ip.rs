//! The client's address: the TCP peer, unless the peer is a configured
//! trusted proxy, in which case the nearest untrusted address in
//! `X-Forwarded-For` (or `Forwarded`) is used.

use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicBool, Ordering};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;

use crate::app::AppState;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientIp(pub Option<IpAddr>);

impl ClientIp {
    pub fn key(&self) -> String {
        self.0.map_or_else(|| "unknown".into(), |ip| ip.to_string())
    }
}

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip());
        let proxies = &state.config.trusted_proxies;
        if let Some(p) = peer
            && ignored_forwarding(p, &parts.headers, proxies)
        {
            warn_once(p);
        }
        Ok(ClientIp(peer.map(|p| resolve(p, &parts.headers, proxies))))
    }
}

/// Whether `headers` carry forwarded-for headers from a peer that is not a
/// trusted proxy: they are ignored, and every client behind that proxy
/// shares its address (and its throttle counters).
pub fn ignored_forwarding(peer: IpAddr, headers: &HeaderMap, proxies: &[String]) -> bool {
    (headers.contains_key("x-forwarded-for") || headers.contains_key("forwarded"))
        && !trusted(peer, proxies)
}

static WARNED: AtomicBool = AtomicBool::new(false);

/// Logs the misconfiguration once per process: a proxy in front of
/// Latchkey that is not in `trusted_proxies`.
fn warn_once(peer: IpAddr) {
    if !WARNED.swap(true, Ordering::Relaxed) {
        tracing::warn!(
            %peer,
            "forwarded headers from a peer that is not in trusted_proxies are ignored: \
             if this is your reverse proxy, add it to trusted_proxies, or every client \
             behind it shares one address for throttling and the audit log"
        );
    }
}

/// A trusted proxy: an address or a CIDR block (`10.0.0.0/8`, `::1`).
pub fn parse_cidr(s: &str) -> Option<(IpAddr, u8)> {
    let (ip, bits) = match s.split_once('/') {
        Some((ip, bits)) => (ip.parse::<IpAddr>().ok()?, bits.parse::<u8>().ok()?),
        None => {
            let ip = s.parse::<IpAddr>().ok()?;
            (ip, if ip.is_ipv4() { 32 } else { 128 })
        }
    };
    let max = if ip.is_ipv4() { 32 } else { 128 };
    (bits <= max).then_some((ip, bits))
}

fn in_cidr(ip: IpAddr, (net, bits): (IpAddr, u8)) -> bool {
    match (ip, net) {
        (IpAddr::V4(a), IpAddr::V4(b)) => {
            let mask = u32::MAX.checked_shl(32 - u32::from(bits)).unwrap_or(0);
            u32::from(a) & mask == u32::from(b) & mask
        }
        (IpAddr::V6(a), IpAddr::V6(b)) => {
            let mask = u128::MAX.checked_shl(128 - u32::from(bits)).unwrap_or(0);
            u128::from(a) & mask == u128::from(b) & mask
        }
        _ => false,
    }
}

fn trusted(ip: IpAddr, proxies: &[String]) -> bool {
    proxies
        .iter()
        .filter_map(|p| parse_cidr(p))
        .any(|c| in_cidr(ip, c))
}

/// Whether `peer` is one of the configured trusted proxies: the only peers
/// whose forwarded headers (addresses, request ids) are believed.
pub fn is_trusted_proxy(peer: IpAddr, proxies: &[String]) -> bool {
    trusted(peer, proxies)
}

/// Walks the forwarding chain from the right while hops are trusted.
pub fn resolve(peer: IpAddr, headers: &HeaderMap, proxies: &[String]) -> IpAddr {
    if !trusted(peer, proxies) {
        return peer;
    }
    let mut chain: Vec<IpAddr> = Vec::new();
    for v in headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
    {
        chain.extend(v.split(',').filter_map(|s| s.trim().parse::<IpAddr>().ok()));
    }
    if chain.is_empty() {
        for v in headers
            .get_all("forwarded")
            .iter()
            .filter_map(|v| v.to_str().ok())
        {
            for part in v.split([',', ';']) {
                if let Some(f) = part
                    .trim()
                    .strip_prefix("for=")
                    .or_else(|| part.trim().strip_prefix("For="))
                {
                    let f = f.trim_matches('"');
                    let f = f
                        .strip_prefix('[')
                        .map_or(f, |x| x.split(']').next().unwrap_or(x));
                    let f = if f.matches(':').count() == 1 {
                        f.split(':').next().unwrap_or(f)
                    } else {
                        f
                    };
                    if let Ok(ip) = f.parse() {
                        chain.push(ip);
                    }
                }
            }
        }
    }
    let mut client = peer;
    for hop in chain.into_iter().rev() {
        client = hop;
        if !trusted(hop, proxies) {
            break;
        }
    }
    client
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(name: &str, v: &str) -> HeaderMap {
        let mut m = HeaderMap::new();
        if let (Ok(n), Ok(v)) = (name.parse::<axum::http::HeaderName>(), v.parse()) {
            m.insert(n, v);
        }
        m
    }

    #[test]
    fn forwarded_headers_only_from_trusted_proxies() {
        let proxies = vec!["10.0.0.0/8".to_string(), "::1".to_string()];
        let proxy: IpAddr = "10.1.2.3".parse().unwrap_or(IpAddr::from([0, 0, 0, 0]));
        let stranger: IpAddr = "203.0.113.9".parse().unwrap_or(IpAddr::from([0, 0, 0, 0]));
        let xff = h("x-forwarded-for", "198.51.100.7, 10.9.9.9");
        assert_eq!(
            resolve(stranger, &xff, &proxies),
            stranger,
            "spoofed by an untrusted peer"
        );
        assert_eq!(resolve(proxy, &xff, &proxies).to_string(), "198.51.100.7");
        let fwd = h("forwarded", "for=\"[2001:db8::1]:4711\";proto=https");
        assert_eq!(resolve(proxy, &fwd, &proxies).to_string(), "2001:db8::1");
        assert_eq!(
            resolve(proxy, &h("forwarded", "for=192.0.2.60:1234"), &proxies).to_string(),
            "192.0.2.60"
        );
        assert_eq!(resolve(proxy, &HeaderMap::new(), &proxies), proxy);
        // Forwarded headers from an untrusted peer are worth a warning;
        // from a trusted proxy, or absent, they are not.
        assert!(ignored_forwarding(stranger, &xff, &proxies));
        assert!(ignored_forwarding(stranger, &fwd, &[]));
        assert!(!ignored_forwarding(proxy, &xff, &proxies));
        assert!(!ignored_forwarding(stranger, &HeaderMap::new(), &proxies));
        assert!(parse_cidr("10.0.0.0/33").is_none() && parse_cidr("nope").is_none());
    }
}
