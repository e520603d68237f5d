//! Who the client is: the TCP peer, unless that peer is a proxy the configuration trusts, in
//! which case the address the proxies forwarded for. Puts a [`ClientIp`] in every request.
//!
//! `X-Forwarded-For` is read from the right: each trusted proxy appends the address it got the
//! request from, so the rightmost address that is not one of ours is the client. Everything left
//! of it was written by the client and may be forged, and a request straight from the internet
//! (not from a trusted proxy) has its header ignored entirely. Only a trusted proxy may also pass
//! its `X-Request-Id` through; anyone else's is dropped, so a client cannot choose the id written
//! into the logs and the audit trail.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use domain::rate_limit::ClientIp;
use ipnet::IpNet;

use super::REQUEST_ID;

/// The proxies whose forwarding headers are believed.
#[derive(Clone, Default)]
pub struct TrustedProxies(pub Arc<Vec<IpNet>>);

impl TrustedProxies {
    fn trusts(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The client of a request that arrived from `peer` with these `X-Forwarded-For` values.
    pub fn client(&self, peer: IpAddr, forwarded_for: &[&str]) -> IpAddr {
        let peer = canonical(peer);
        if !self.trusts(peer) {
            return peer;
        }
        let hops = forwarded_for
            .iter()
            .flat_map(|value| value.split(','))
            .map(str::trim)
            .collect::<Vec<_>>();
        let mut client = peer;
        for hop in hops.iter().rev() {
            let Ok(ip) = hop.parse::<IpAddr>().map(canonical) else {
                // Garbage a proxy would not write: stop at the last address we could trust.
                break;
            };
            client = ip;
            if !self.trusts(ip) {
                break;
            }
        }
        client
    }
}

/// An IPv4 address written as IPv6 (`::ffff:1.2.3.4`) is the IPv4 address.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 @ IpAddr::V4(_) => v4,
    }
}

/// Works out the client, drops an untrusted request id, and runs the request.
pub async fn resolve(
    State(proxies): State<TrustedProxies>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::from([0, 0, 0, 0]), |info| info.0.ip());
    let forwarded: Vec<&str> = request
        .headers()
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    let client = proxies.client(peer, &forwarded);
    if !proxies.trusts(peer) {
        request.headers_mut().remove(REQUEST_ID);
    }
    request.extensions_mut().insert(ClientIp(client));
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proxies(list: &[&str]) -> TrustedProxies {
        TrustedProxies(Arc::new(
            list.iter()
                .map(|s| {
                    s.parse::<IpNet>()
                        .unwrap_or_else(|_| IpNet::from(s.parse::<IpAddr>().unwrap()))
                })
                .collect(),
        ))
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn without_trusted_proxies_the_peer_is_the_client() {
        let none = proxies(&[]);
        assert_eq!(
            none.client(ip("203.0.113.5"), &["198.51.100.1"]),
            ip("203.0.113.5")
        );
    }

    #[test]
    fn behind_a_trusted_proxy_the_rightmost_untrusted_hop_is_the_client() {
        let p = proxies(&["10.0.0.0/8"]);
        // The client forged "1.1.1.1"; the proxy appended the real address.
        assert_eq!(
            p.client(ip("10.0.0.2"), &["1.1.1.1, 203.0.113.7"]),
            ip("203.0.113.7")
        );
        // Two proxies of ours in a row.
        assert_eq!(
            p.client(ip("10.0.0.2"), &["203.0.113.7, 10.0.0.9"]),
            ip("203.0.113.7")
        );
        // Headers repeated rather than joined.
        assert_eq!(
            p.client(ip("10.0.0.2"), &["1.1.1.1", "203.0.113.7"]),
            ip("203.0.113.7")
        );
        // A proxy that forwarded nothing: the proxy itself.
        assert_eq!(p.client(ip("10.0.0.2"), &[]), ip("10.0.0.2"));
    }

    #[test]
    fn a_client_off_the_proxy_cannot_choose_its_address() {
        let p = proxies(&["10.0.0.0/8"]);
        assert_eq!(
            p.client(ip("203.0.113.7"), &["10.0.0.3"]),
            ip("203.0.113.7")
        );
    }

    #[test]
    fn mapped_ipv4_is_ipv4() {
        let p = proxies(&["127.0.0.1"]);
        assert_eq!(
            p.client(ip("::ffff:127.0.0.1"), &["203.0.113.7"]),
            ip("203.0.113.7")
        );
    }
}
