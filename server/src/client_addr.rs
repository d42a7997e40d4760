//! Which client a request comes from, for the per-client limits.
//!
//! Behind a reverse proxy every connection comes from the proxy. Its address is listed with
//! `--trusted-proxies`; only from those is `X-Forwarded-For` believed. The header is read from
//! its end (what the nearest proxy appended) towards its start, skipping further trusted
//! proxies: the first address that is not one is the client. Anything earlier in the header was
//! written by the client itself and could be anything.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use app::rate_limit::ClientIp;
use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http::HeaderMap;
use ipnet::IpNet;

/// The networks whose connections are reverse proxies of this site.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(Arc<Vec<IpNet>>);

impl TrustedProxies {
    /// Trusts `nets`.
    pub fn new(nets: Vec<IpNet>) -> Self {
        Self(Arc::new(nets))
    }

    /// Whether `ip` is one of the proxies (an IPv4 address written as IPv6 included).
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// Whether any proxy is trusted.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The client behind a connection from `peer` carrying `headers`.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.contains(peer) {
            return peer;
        }
        let mut nearest = peer;
        let hops = headers
            .get_all("x-forwarded-for")
            .iter()
            .rev()
            .flat_map(|value| value.to_str().unwrap_or("").rsplit(','));
        for hop in hops {
            // A trusted proxy writes what it saw; something unreadable came from before it.
            let Some(ip) = parse_hop(hop.trim()) else {
                return nearest;
            };
            if !self.contains(ip) {
                return ip;
            }
            nearest = ip;
        }
        nearest
    }
}

/// An address as proxies write them: `203.0.113.7`, `2001:db8::1`, with or without a port
/// (`203.0.113.7:41000`, `[2001:db8::1]:41000`).
fn parse_hop(hop: &str) -> Option<IpAddr> {
    hop.parse::<IpAddr>()
        .ok()
        .or_else(|| hop.parse::<SocketAddr>().ok().map(|s| s.ip()))
        .map(|ip| ip.to_canonical())
}

/// A network as `--trusted-proxies` takes it: `10.0.0.0/8`, `2001:db8::/32`, or one address.
pub fn parse_net(text: &str) -> Result<IpNet, String> {
    let text = text.trim();
    text.parse::<IpNet>()
        .or_else(|_| text.parse::<IpAddr>().map(IpNet::from))
        .map_err(|_| format!("{text:?} is neither an address nor a network like 10.0.0.0/8"))
}

/// Puts the request's [`ClientIp`] in its extensions.
pub async fn resolve(
    State(proxies): State<TrustedProxies>,
    mut req: Request,
    next: Next,
) -> Response {
    if let Some(peer) = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip())
    {
        let client = proxies.client(peer, req.headers());
        req.extensions_mut().insert(ClientIp(client));
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proxies(nets: &[&str]) -> TrustedProxies {
        TrustedProxies::new(nets.iter().map(|n| parse_net(n).unwrap()).collect())
    }

    fn forwarded(values: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for v in values {
            headers.append("x-forwarded-for", v.parse().unwrap());
        }
        headers
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn the_header_is_believed_only_from_a_trusted_proxy() {
        let trusted = proxies(&["10.0.0.0/8"]);
        let headers = forwarded(&["198.51.100.7"]);
        assert_eq!(trusted.client(ip("10.1.2.3"), &headers), ip("198.51.100.7"));
        assert_eq!(
            trusted.client(ip("203.0.113.9"), &headers),
            ip("203.0.113.9"),
            "a client cannot name itself someone else"
        );
        assert_eq!(
            proxies(&[]).client(ip("10.1.2.3"), &headers),
            ip("10.1.2.3"),
            "no proxy is trusted by default"
        );
    }

    #[test]
    fn the_client_is_the_last_address_before_the_trusted_proxies() {
        let trusted = proxies(&["10.0.0.0/8", "2001:db8:ffff::/48", "192.0.2.1"]);
        // The client forged the first entry; the edge proxy 192.0.2.1 appended what it saw.
        let headers = forwarded(&["1.2.3.4, 198.51.100.7", "192.0.2.1"]);
        assert_eq!(trusted.client(ip("10.0.0.5"), &headers), ip("198.51.100.7"));
        let headers = forwarded(&["[2001:db8:1::7]:41000, 2001:db8:ffff::2"]);
        assert_eq!(
            trusted.client(ip("::ffff:10.0.0.5"), &headers),
            ip("2001:db8:1::7")
        );
        assert_eq!(
            trusted.client(ip("10.0.0.5"), &forwarded(&["not an address, 10.0.0.9"])),
            ip("10.0.0.9"),
            "garbage stops the walk at the nearest known hop"
        );
        assert_eq!(
            trusted.client(ip("10.0.0.5"), &HeaderMap::new()),
            ip("10.0.0.5")
        );
    }

    #[test]
    fn networks_and_single_addresses_parse() {
        assert!(parse_net("10.0.0.0/8").is_ok());
        assert!(parse_net(" 2001:db8::/32 ").is_ok());
        assert_eq!(parse_net("192.0.2.1").unwrap().prefix_len(), 32);
        assert!(parse_net("10.0.0.0/33").is_err());
        assert!(parse_net("proxy.example").is_err());
    }
}
