//! What the benchmark examples share: settings from the environment and how figures print.

use std::time::Duration;

/// The number in environment variable `name`, or `default`.
pub fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Prints `title` with the count, p50, p90, p99 and max of `times`.
pub fn report(title: &str, mut times: Vec<Duration>) {
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{title}: n={} p50={:.1} ms p90={:.1} ms p99={:.1} ms max={:.1} ms",
        times.len(),
        ms(at(0.5)),
        ms(at(0.9)),
        ms(at(0.99)),
        ms(*times.last().unwrap()),
    );
}
