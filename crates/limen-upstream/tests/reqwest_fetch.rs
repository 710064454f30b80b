//! [`ReqwestFetch`] against a real local HTTP server: discovery read through it, answers over
//! the cap refused, redirects not followed (the client is built as Limen's is: no redirects).

use limen_upstream::fetch::MAX_ANSWER;
use limen_upstream::{Fetch, HttpRequest, ReqwestFetch};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Serves each connection one canned answer chosen by the request path.
async fn serve() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let issuer = base.clone();
    tokio::spawn(async move {
        loop {
            let (mut socket, _) = listener.accept().await.unwrap();
            let issuer = issuer.clone();
            tokio::spawn(async move {
                let mut buf = vec![0u8; 4096];
                let n = socket.read(&mut buf).await.unwrap();
                let head = String::from_utf8_lossy(&buf[..n]).to_string();
                let path = head.split(' ').nth(1).unwrap_or("/").to_owned();
                let (status, extra, body) = match path.as_str() {
                    "/.well-known/openid-configuration" => (
                        "200 OK",
                        String::new(),
                        serde_json::json!({
                            "issuer": issuer,
                            "authorization_endpoint": format!("{issuer}/authorize"),
                            "token_endpoint": format!("{issuer}/token"),
                            "jwks_uri": format!("{issuer}/jwks"),
                        })
                        .to_string(),
                    ),
                    "/huge" => ("200 OK", String::new(), "x".repeat(MAX_ANSWER + 1)),
                    "/moved" => (
                        "302 Found",
                        format!("location: {issuer}/.well-known/openid-configuration\r\n"),
                        String::new(),
                    ),
                    _ => ("404 Not Found", String::new(), String::new()),
                };
                let answer = format!(
                    "HTTP/1.1 {status}\r\ncontent-type: application/json\r\n{extra}content-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = socket.write_all(answer.as_bytes()).await;
            });
        }
    });
    base
}

#[tokio::test]
async fn reqwest_fetch_reads_caps_and_does_not_follow_redirects() {
    let base = serve().await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let fetch = ReqwestFetch(client);
    let url = |p: &str| url::Url::parse(&format!("{base}{p}")).unwrap();

    let doc = fetch
        .fetch(HttpRequest::get(url("/.well-known/openid-configuration")))
        .await
        .unwrap();
    assert_eq!(doc.status, 200);
    let endpoints = limen_upstream::discovery::parse(&doc.body, &base).unwrap();
    assert_eq!(endpoints.token_endpoint.as_str(), format!("{base}/token"));

    let huge = fetch.fetch(HttpRequest::get(url("/huge"))).await;
    assert_eq!(huge, Err("answer over 256 KiB".to_owned()));

    let moved = fetch.fetch(HttpRequest::get(url("/moved"))).await.unwrap();
    assert_eq!(moved.status, 302);
}
