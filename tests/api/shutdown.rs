//! SIGTERM on the real binary: new connections are refused at once, and a
//! request already being handled still gets its whole answer.

use std::process::{Child, Command};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn wait_until_ready(port: u16, server: &mut Server) {
    let http = reqwest::Client::new();
    for _ in 0..400 {
        if let Ok(r) = http
            .get(format!("http://127.0.0.1:{port}/readyz"))
            .send()
            .await
            && r.status() == 200
        {
            return;
        }
        assert!(server.0.try_wait().unwrap().is_none(), "server exited");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("server never became ready");
}

#[tokio::test]
async fn sigterm_lets_in_flight_requests_finish_and_refuses_new_ones() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut server = Server(
        crate::helpers::serve_command(&dir.path().join("db.sqlite"), port)
            .spawn()
            .unwrap(),
    );
    wait_until_ready(port, &mut server).await;

    // A token request whose body is held back. `Expect: 100-continue` makes
    // the server say when its handler starts reading the body: from then on
    // the request is in flight, with no guessing about timing.
    let body = "grant_type=authorization_code&code=abc&redirect_uri=https%3A%2F%2Fx.example%2F&client_id=nobody";
    let stream = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    let (read, mut write) = stream.into_split();
    let mut read = BufReader::new(read);
    write
        .write_all(
            format!(
                "POST /token HTTP/1.1\r\nHost: localhost:{port}\r\n\
                 Content-Type: application/x-www-form-urlencoded\r\n\
                 Content-Length: {}\r\nExpect: 100-continue\r\n\r\n",
                body.len()
            )
            .as_bytes(),
        )
        .await
        .unwrap();
    let mut line = String::new();
    read.read_line(&mut line).await.unwrap();
    assert!(line.starts_with("HTTP/1.1 100"), "{line:?}");
    line.clear();
    read.read_line(&mut line).await.unwrap();
    assert_eq!(line, "\r\n");

    let term = Command::new("kill")
        .args(["-TERM", &server.0.id().to_string()])
        .status()
        .unwrap();
    assert!(term.success());
    // New connections are refused once the signal is handled; the server
    // is still running, waiting for the request above.
    let mut refused = false;
    for _ in 0..400 {
        if TcpStream::connect(("127.0.0.1", port)).await.is_err() {
            refused = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert!(refused, "new connections are still accepted after SIGTERM");
    assert!(
        server.0.try_wait().unwrap().is_none(),
        "the server exited with a request in flight"
    );

    // The rest of the body: the request completes with its real answer
    // (RFC 6749 5.2: an unknown client is invalid_client).
    write.write_all(body.as_bytes()).await.unwrap();
    let mut response = String::new();
    read.read_to_string(&mut response).await.unwrap();
    assert!(response.starts_with("HTTP/1.1 401"), "{response}");
    assert!(response.contains("\"invalid_client\""), "{response}");

    let status = tokio::task::spawn_blocking(move || {
        let status = server.0.wait().unwrap();
        std::mem::forget(server);
        status
    })
    .await
    .unwrap();
    assert!(status.success(), "graceful shutdown exits 0: {status}");
}
