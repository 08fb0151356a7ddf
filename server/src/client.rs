//! The address a request comes from, as per-address limits need it.
//!
//! Behind a reverse proxy every request arrives from the proxy, so all
//! residents would share one address and one lock-out. Only when the peer
//! is a proxy named in `LINLI_TRUSTED_PROXIES` are `Forwarded` and
//! `X-Forwarded-For` read, right to left, skipping trusted hops: the first
//! address no trusted proxy vouches for is the client's. A header from
//! anyone else is ignored, so a client cannot claim another's address.

use std::net::{IpAddr, SocketAddr};

use axum::{
    extract::{ConnectInfo, FromRequestParts, Request, State},
    http::{HeaderMap, request::Parts},
    middleware::Next,
    response::Response,
};

use crate::startup::AppState;

/// An address block, as `10.0.0.0/8`, `::1/128` or a bare address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpNet {
    addr: IpAddr,
    prefix: u8,
}

impl IpNet {
    pub fn parse(s: &str) -> Option<Self> {
        let (addr, prefix) = match s.trim().split_once('/') {
            Some((a, p)) => (a.parse::<IpAddr>().ok()?, Some(p.parse::<u8>().ok()?)),
            None => (s.trim().parse::<IpAddr>().ok()?, None),
        };
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = prefix.unwrap_or(max);
        (prefix <= max).then_some(Self { addr, prefix })
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        let bits = |ip: IpAddr| -> (u128, u8) {
            match ip {
                IpAddr::V4(v4) => (u128::from(u32::from(v4)) << 96, 32),
                IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                    Some(v4) => (u128::from(u32::from(v4)) << 96, 32),
                    None => (u128::from(v6), 128),
                },
            }
        };
        let ((net, net_len), (ip, ip_len)) = (bits(self.addr), bits(ip));
        if net_len != ip_len {
            return false;
        }
        let mask = if self.prefix == 0 {
            0
        } else {
            u128::MAX << (128 - u32::from(self.prefix))
        };
        net & mask == ip & mask
    }
}

/// The proxies whose forwarding headers are believed.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// A comma- or space-separated list of blocks; names the first entry
    /// that is not one.
    pub fn parse(list: &str) -> Result<Self, String> {
        list.split([',', ' '])
            .filter(|s| !s.trim().is_empty())
            .map(|s| IpNet::parse(s).ok_or_else(|| s.trim().to_owned()))
            .collect::<Result<Vec<_>, _>>()
            .map(Self)
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(ip))
    }

    /// The client's address: the peer's, unless the peer is trusted and
    /// says who it forwards for.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.trusts(peer) {
            return peer;
        }
        let hops = forwarded_for(headers);
        hops.iter()
            .rev()
            .copied()
            .find(|ip| !self.trusts(*ip))
            .or_else(|| hops.first().copied())
            .unwrap_or(peer)
    }
}

/// The addresses a request passed through, oldest first: from `Forwarded`
/// when present, else `X-Forwarded-For`. An entry that is not an address
/// (`unknown`, an obfuscated name) ends the chain there, as nothing before
/// it can be checked.
fn forwarded_for(headers: &HeaderMap) -> Vec<IpAddr> {
    let joined = |name: &str| {
        headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect::<Vec<_>>()
            .join(",")
    };
    let forwarded = joined("forwarded");
    let entries: Vec<String> = if forwarded.is_empty() {
        joined("x-forwarded-for")
            .split(',')
            .map(|s| s.trim().to_owned())
            .collect()
    } else {
        forwarded
            .split(',')
            .map(|element| {
                element
                    .split(';')
                    .find_map(|pair| {
                        let (k, v) = pair.trim().split_once('=')?;
                        k.eq_ignore_ascii_case("for")
                            .then(|| v.trim().trim_matches('"').to_owned())
                    })
                    .unwrap_or_default()
            })
            .collect()
    };
    let mut out = Vec::new();
    for entry in entries.iter().rev() {
        match parse_node(entry) {
            Some(ip) => out.push(ip),
            None => break,
        }
    }
    out.reverse();
    out
}

/// `1.2.3.4`, `1.2.3.4:5678`, `[2001:db8::1]:5678` or `2001:db8::1`.
fn parse_node(s: &str) -> Option<IpAddr> {
    if let Ok(ip) = s.parse::<IpAddr>() {
        return Some(ip);
    }
    if let Some(rest) = s.strip_prefix('[') {
        return rest.split(']').next()?.parse().ok();
    }
    s.parse::<SocketAddr>().ok().map(|a| a.ip())
}

/// The client's address, as [`client_address`] found it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientIp(pub IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<ClientIp>()
            .copied()
            .unwrap_or(ClientIp(IpAddr::from([127, 0, 0, 1]))))
    }
}

/// Finds the client's address once per request, for every handler and
/// limit after it.
pub async fn client_address(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::from([127, 0, 0, 1]), |c| c.0.ip());
    let ip = state.trusted_proxies.client(peer, req.headers());
    req.extensions_mut().insert(ClientIp(ip));
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("an address")
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_str(v).expect("a header"));
        }
        h
    }

    #[test]
    fn blocks_contain_their_addresses() {
        let net = IpNet::parse("10.1.0.0/16").expect("a block");
        assert!(net.contains(ip("10.1.200.3")));
        assert!(!net.contains(ip("10.2.0.1")));
        assert!(net.contains(ip("::ffff:10.1.0.9")), "IPv4-mapped IPv6");
        assert!(
            IpNet::parse("::1")
                .expect("one address")
                .contains(ip("::1"))
        );
        assert!(
            IpNet::parse("0.0.0.0/0")
                .expect("all")
                .contains(ip("8.8.8.8"))
        );
        assert_eq!(IpNet::parse("10.0.0.0/33"), None);
        assert_eq!(
            TrustedProxies::parse("10.0.0.0/8, nonsense").map(|_| ()),
            Err("nonsense".to_owned())
        );
    }

    #[test]
    fn the_right_most_untrusted_hop_is_the_client() {
        let proxies = TrustedProxies::parse("127.0.0.1, 10.0.0.0/8").expect("valid");
        let nginx = ip("127.0.0.1");
        // Behind the proxy: the address it appended.
        let h = headers(&[("x-forwarded-for", "203.0.113.7")]);
        assert_eq!(proxies.client(nginx, &h), ip("203.0.113.7"));
        // A client's forged entry sits left of what the proxy appended.
        let h = headers(&[("x-forwarded-for", "198.51.100.1, 203.0.113.7")]);
        assert_eq!(proxies.client(nginx, &h), ip("203.0.113.7"));
        // Two trusted hops (a balancer, then nginx).
        let h = headers(&[("x-forwarded-for", "203.0.113.7, 10.0.0.5")]);
        assert_eq!(proxies.client(nginx, &h), ip("203.0.113.7"));
        // RFC 7239, with a port and IPv6.
        let h = headers(&[(
            "forwarded",
            r#"for="[2001:db8::9]:4711";proto=https, for=10.0.0.5"#,
        )]);
        assert_eq!(proxies.client(nginx, &h), ip("2001:db8::9"));
        // Headers from a peer that is not a proxy are not believed.
        let direct = ip("198.51.100.1");
        let h = headers(&[("x-forwarded-for", "1.2.3.4")]);
        assert_eq!(proxies.client(direct, &h), direct);
        // Nothing trusted configured: always the peer.
        assert_eq!(TrustedProxies::default().client(nginx, &h), nginx);
        // A trusted peer without the header is the client itself.
        assert_eq!(proxies.client(nginx, &HeaderMap::new()), nginx);
    }
}
