//! The HTTP/1.1 listener: connections are accepted up to a cap and closed when a client is too
//! slow, so that a few hundred slow or idle sockets (slowloris) cannot exhaust file descriptors,
//! memory or tasks.
//!
//! - **Connections:** at most `max_connections` at once; beyond it, new ones wait in the
//!   kernel's accept queue until a place frees up. One client address may hold at most
//!   `max_connections_per_address` of them (trusted proxies excepted); a connection beyond that
//!   is closed at once, so one host cannot take every place.
//! - **Headers:** a request's head must arrive whole within `header_timeout`, counted from the
//!   connection's start or from the end of the previous response. The same limit therefore
//!   closes a keep-alive connection that stays idle (hyper's `header_read_timeout`).
//! - **Bodies:** a request's body must arrive whole within `body_timeout`; otherwise the answer
//!   is 408 and the connection is closed (RFC 9110 §15.5.9).
//! - **Responses:** writing to a client must make progress at least every `send_timeout`; a
//!   client that stops reading (a zero receive window, with requests pipelined behind it) has its
//!   connection closed instead of holding its place for ever.

use crate::AppState;
use axum::body::Body;
use axum::extract::{ConnectInfo, Request};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use std::future::Future as _;
use std::net::IpAddr;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt as _;

/// Limits of the listener (docs/CONFIGURATION.md, `[http]`).
#[derive(Debug, Clone)]
pub struct HttpLimits {
    pub max_connections: usize,
    /// For a request's head, and for the next request on an idle keep-alive connection.
    pub header_timeout: Duration,
    /// For a request's whole body.
    pub body_timeout: Duration,
    /// Largest request body accepted (413 beyond).
    pub max_body_bytes: usize,
    /// Connections one client address may hold at once (trusted proxies excepted).
    pub max_connections_per_address: usize,
    /// Longest a write to the client may wait without progress.
    pub send_timeout: Duration,
    /// After SIGTERM/SIGINT, how long requests in flight may take to finish before the
    /// process stops anyway.
    pub shutdown_grace: Duration,
}

impl Default for HttpLimits {
    fn default() -> Self {
        Self {
            max_connections: 1024,
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(15),
            max_body_bytes: 64 * 1024,
            max_connections_per_address: 64,
            send_timeout: Duration::from_secs(20),
            shutdown_grace: Duration::from_secs(10),
        }
    }
}

/// Serves `router` on `listener` until `shutdown` completes, then stops accepting and lets the
/// requests in flight finish, for at most `shutdown_grace` (hyper closes idle keep-alive
/// connections at once and the others after their current response).
pub(crate) async fn serve(
    listener: TcpListener,
    router: axum::Router,
    config: &crate::WebConfig,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let (limits, trusted_proxies) = (&config.http, &config.trusted_proxies);
    let places = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let per_address = Arc::new(PerAddress::default());
    let graceful = GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .keep_alive(true);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let place = tokio::select! {
            place = places.clone().acquire_owned() => match place {
                Ok(place) => place,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors, or a connection reset before it was accepted:
                    // keep serving the others; pause a little so a persistent error does not spin.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let ip = peer.ip();
        let exempt = trusted_proxies.iter().any(|net| net.contains(&ip));
        let Some(held) = per_address.take(ip, limits.max_connections_per_address, exempt) else {
            tracing::debug!(%peer, "too many connections from this address: closed");
            drop(stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        let stream = StallGuard::new(stream, limits.send_timeout);
        let router = router.clone();
        let service =
            hyper::service::service_fn(move |mut request: Request<hyper::body::Incoming>| {
                request.extensions_mut().insert(ConnectInfo(peer));
                router.clone().oneshot(request.map(Body::new))
            });
        let connection = http.serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // Timeouts, resets and malformed requests end here; hyper has answered what it could.
            if let Err(e) = connection.await {
                tracing::debug!(error = %e, %peer, "connection closed");
            }
            drop(place);
            drop(held);
        });
    }
    drop(listener);
    let grace = limits.shutdown_grace;
    tracing::info!(
        grace_seconds = grace.as_secs(),
        "stopping: no new connections; finishing the requests in flight"
    );
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(grace) => {
            tracing::warn!(grace_seconds = grace.as_secs(), "requests still running at the end of the shutdown grace: stopping anyway");
        }
    }
    Ok(())
}

/// Connections held per client address.
#[derive(Default)]
struct PerAddress(std::sync::Mutex<std::collections::HashMap<IpAddr, usize>>);

/// One connection counted for its address; uncounted when dropped.
struct Held {
    counts: Option<(Arc<PerAddress>, IpAddr)>,
}

impl PerAddress {
    /// Counts a connection from `ip`, unless `ip` already holds `cap` (an exempt address is
    /// never counted).
    fn take(self: &Arc<Self>, ip: IpAddr, cap: usize, exempt: bool) -> Option<Held> {
        if exempt {
            return Some(Held { counts: None });
        }
        let mut counts = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let n = counts.entry(ip).or_default();
        if *n >= cap.max(1) {
            return None;
        }
        *n += 1;
        Some(Held {
            counts: Some((self.clone(), ip)),
        })
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        if let Some((per_address, ip)) = self.counts.take() {
            let mut counts = per_address.0.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(n) = counts.get_mut(&ip) {
                *n -= 1;
                if *n == 0 {
                    counts.remove(&ip);
                }
            }
        }
    }
}

/// A client stream whose writes fail once they have waited `stall` without progress: the client
/// stopped reading. Reads are left alone (hyper times them out itself, and the body deadline
/// covers the rest).
struct StallGuard<S> {
    inner: S,
    stall: Duration,
    timer: Option<std::pin::Pin<Box<tokio::time::Sleep>>>,
}

impl<S> StallGuard<S> {
    fn new(inner: S, stall: Duration) -> Self {
        Self {
            inner,
            stall,
            timer: None,
        }
    }

    /// After a write that could not proceed: pending until the stall limit, then an error.
    fn waited<T>(&mut self, cx: &mut Context<'_>) -> Poll<std::io::Result<T>> {
        let stall = self.stall;
        let timer = self
            .timer
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(stall)));
        match timer.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                "the client stopped reading",
            ))),
            Poll::Pending => Poll::Pending,
        }
    }

    fn progressed<T>(
        &mut self,
        result: Poll<std::io::Result<T>>,
        cx: &mut Context<'_>,
    ) -> Poll<std::io::Result<T>> {
        match result {
            Poll::Ready(r) => {
                self.timer = None;
                Poll::Ready(r)
            }
            Poll::Pending => self.waited(cx),
        }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for StallGuard<S> {
    fn poll_read(
        self: std::pin::Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.get_mut().inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for StallGuard<S> {
    fn poll_write(
        self: std::pin::Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        let result = std::pin::Pin::new(&mut this.inner).poll_write(cx, buf);
        this.progressed(result, cx)
    }

    fn poll_write_vectored(
        self: std::pin::Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        let result = std::pin::Pin::new(&mut this.inner).poll_write_vectored(cx, bufs);
        this.progressed(result, cx)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(
        self: std::pin::Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        let result = std::pin::Pin::new(&mut this.inner).poll_flush(cx);
        this.progressed(result, cx)
    }

    fn poll_shutdown(
        self: std::pin::Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        let result = std::pin::Pin::new(&mut this.inner).poll_shutdown(cx);
        this.progressed(result, cx)
    }
}

/// Reads the request's whole body within the body timeout and the size limit, then hands the
/// request on with the bytes read: 408 (and the connection closed) for a client that sends too
/// slowly, 413 for one that sends too much. Every body Limen accepts is a small form or JSON
/// document, so holding it in memory costs nothing that the size limit does not already bound.
pub(crate) async fn read_body(
    axum::extract::State(state): axum::extract::State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let limits = &state.config.http;
    let (parts, body) = request.into_parts();
    let read = axum::body::to_bytes(body, limits.max_body_bytes);
    match tokio::time::timeout(limits.body_timeout, read).await {
        Ok(Ok(bytes)) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Ok(Err(e)) => {
            let too_large =
                std::iter::successors(Some(&e as &(dyn std::error::Error + 'static)), |e| {
                    e.source()
                })
                .any(|e| e.is::<http_body_util::LengthLimitError>());
            if too_large {
                refuse(StatusCode::PAYLOAD_TOO_LARGE, "Request too large")
            } else {
                // The client went away or sent a broken chunked body.
                refuse(StatusCode::BAD_REQUEST, "Bad request")
            }
        }
        Err(_) => {
            tracing::info!(path = %parts.uri.path(), "request body too slow: 408");
            refuse(StatusCode::REQUEST_TIMEOUT, "Request timeout")
        }
    }
}

fn refuse(status: StatusCode, text: &'static str) -> Response {
    let mut response = (status, text).into_response();
    // The rest of the body is not read: the connection cannot carry another request.
    response
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    response
}
