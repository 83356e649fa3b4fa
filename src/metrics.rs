//! Prometheus metrics, hand-rolled: counters of security events (fed by the
//! audit trail), forward-auth decisions, and request latency histograms per
//! route. Process-wide, like the process they describe.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::{LazyLock, Mutex};
use std::time::Duration;

const BUCKETS: [f64; 10] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0];

#[derive(Default)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

#[derive(Default)]
struct Inner {
    events: BTreeMap<String, u64>,
    forward_auth: BTreeMap<&'static str, u64>,
    latency: BTreeMap<(String, String), Histogram>,
    /// PostgreSQL only: whether the identity listener is listening.
    listener_up: Option<bool>,
    listener_reconnects: u64,
    /// Token signatures by algorithm: how many, and their CPU time.
    signatures: BTreeMap<&'static str, (u64, Duration)>,
}

static METRICS: LazyLock<Mutex<Inner>> = LazyLock::new(|| Mutex::new(Inner::default()));

fn with<T>(f: impl FnOnce(&mut Inner) -> T) -> T {
    let mut guard = METRICS.lock().unwrap_or_else(|p| p.into_inner());
    f(&mut guard)
}

/// A security event (login, enrollment, token issued or revoked, …).
pub fn event(kind: &str) {
    with(|m| *m.events.entry(kind.to_string()).or_default() += 1);
}

/// A forward-auth answer: allow, public, login, forbidden.
pub fn forward_auth(decision: &'static str) {
    with(|m| *m.forward_auth.entry(decision).or_default() += 1);
}

/// The identity listener (PostgreSQL) is listening, or not; `again` counts
/// a reconnect.
pub fn identity_listener(up: bool, again: bool) {
    with(|m| {
        m.listener_up = Some(up);
        if up && again {
            m.listener_reconnects += 1;
        }
    });
}

/// How often the identity listener has listened again after a loss.
pub fn identity_listener_reconnects() -> u64 {
    with(|m| m.listener_reconnects)
}

/// One signature of `alg` and the CPU time its thread spent on it.
pub fn signature(alg: &'static str, cpu: Duration) {
    with(|m| {
        let entry = m.signatures.entry(alg).or_default();
        entry.0 += 1;
        entry.1 += cpu;
    });
}

/// This thread's CPU time so far: unlike wall time, it leaves out the time
/// the thread was waiting or preempted. Zero where there is no such clock.
pub fn thread_cpu() -> Duration {
    #[cfg(unix)]
    {
        let t = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
        Duration::new(
            u64::try_from(t.tv_sec).unwrap_or(0),
            u32::try_from(t.tv_nsec).unwrap_or(0),
        )
    }
    #[cfg(not(unix))]
    {
        Duration::ZERO
    }
}

/// One request's latency, by matched route and method.
pub fn request(route: &str, method: &str, elapsed: Duration) {
    let secs = elapsed.as_secs_f64();
    with(|m| {
        let h = m
            .latency
            .entry((route.to_string(), method.to_string()))
            .or_default();
        for (i, le) in BUCKETS.iter().enumerate() {
            if secs <= *le {
                h.counts[i] += 1;
            }
        }
        h.count += 1;
        h.sum += secs;
    });
}

/// The Prometheus text exposition, with the pool's state appended.
pub fn render(pool_size: u32, pool_idle: usize) -> String {
    with(|m| {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# HELP latchkey_events_total Security events by kind (logins, enrollments, tokens)."
        );
        let _ = writeln!(out, "# TYPE latchkey_events_total counter");
        for (k, v) in &m.events {
            let _ = writeln!(out, "latchkey_events_total{{event=\"{k}\"}} {v}");
        }
        let _ = writeln!(
            out,
            "# HELP latchkey_forward_auth_decisions_total Forward-auth answers by decision."
        );
        let _ = writeln!(out, "# TYPE latchkey_forward_auth_decisions_total counter");
        for (k, v) in &m.forward_auth {
            let _ = writeln!(
                out,
                "latchkey_forward_auth_decisions_total{{decision=\"{k}\"}} {v}"
            );
        }
        let _ = writeln!(
            out,
            "# HELP latchkey_http_request_duration_seconds Request latency by route."
        );
        let _ = writeln!(
            out,
            "# TYPE latchkey_http_request_duration_seconds histogram"
        );
        for ((route, method), h) in &m.latency {
            let labels = format!("route=\"{route}\",method=\"{method}\"");
            for (i, le) in BUCKETS.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "latchkey_http_request_duration_seconds_bucket{{{labels},le=\"{le}\"}} {}",
                    h.counts[i]
                );
            }
            let _ = writeln!(
                out,
                "latchkey_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}",
                h.count
            );
            let _ = writeln!(
                out,
                "latchkey_http_request_duration_seconds_sum{{{labels}}} {}",
                h.sum
            );
            let _ = writeln!(
                out,
                "latchkey_http_request_duration_seconds_count{{{labels}}} {}",
                h.count
            );
        }
        let _ = writeln!(
            out,
            "# HELP latchkey_signatures_total Token signatures computed, by algorithm."
        );
        let _ = writeln!(out, "# TYPE latchkey_signatures_total counter");
        for (alg, (count, _)) in &m.signatures {
            let _ = writeln!(out, "latchkey_signatures_total{{alg=\"{alg}\"}} {count}");
        }
        let _ = writeln!(
            out,
            "# HELP latchkey_signing_cpu_seconds_total CPU time of the signatures alone, by algorithm."
        );
        let _ = writeln!(out, "# TYPE latchkey_signing_cpu_seconds_total counter");
        for (alg, (_, cpu)) in &m.signatures {
            let _ = writeln!(
                out,
                "latchkey_signing_cpu_seconds_total{{alg=\"{alg}\"}} {:.9}",
                cpu.as_secs_f64()
            );
        }
        let _ = writeln!(
            out,
            "# HELP latchkey_db_pool_connections Database pool connections by state."
        );
        let _ = writeln!(out, "# TYPE latchkey_db_pool_connections gauge");
        let _ = writeln!(
            out,
            "latchkey_db_pool_connections{{state=\"open\"}} {pool_size}"
        );
        let _ = writeln!(
            out,
            "latchkey_db_pool_connections{{state=\"idle\"}} {pool_idle}"
        );
        if let Some(up) = m.listener_up {
            let _ = writeln!(
                out,
                "# HELP latchkey_identity_listener_up Whether this instance hears other instances' identity changes (PostgreSQL LISTEN)."
            );
            let _ = writeln!(out, "# TYPE latchkey_identity_listener_up gauge");
            let _ = writeln!(out, "latchkey_identity_listener_up {}", u8::from(up));
            let _ = writeln!(
                out,
                "# HELP latchkey_identity_listener_reconnects_total Times the identity listener listened again after losing its connection."
            );
            let _ = writeln!(
                out,
                "# TYPE latchkey_identity_listener_reconnects_total counter"
            );
            let _ = writeln!(
                out,
                "latchkey_identity_listener_reconnects_total {}",
                m.listener_reconnects
            );
        }
        out
    })
}
