//! The real binary over TCP: the ready line, a request, the `reset` fault
//! closing the connection unanswered, and a clean stop on SIGTERM.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    port: u16,
    dir: std::path::PathBuf,
}

impl Server {
    fn start(extra: &[&str]) -> Server {
        let dir = std::env::temp_dir().join(format!("devapi-bin-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let store = dir.join("comments.jsonl");
        let mut child = Command::new(env!("CARGO_BIN_EXE_devapi"))
            .args(["--port", "0", "--store", store.to_str().unwrap()])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("devapi starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .trim()
            .strip_prefix("devapi listening on http://127.0.0.1:")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .parse()
            .unwrap();
        Server { child, port, dir }
    }

    /// One HTTP/1.1 exchange; `None` when the server closed the connection
    /// without answering.
    fn request(&self, method: &str, path: &str, body: &str) -> Option<String> {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(
            s,
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.port,
            body.len()
        )
        .unwrap();
        let mut out = Vec::new();
        match s.read_to_end(&mut out) {
            Ok(_) if !out.is_empty() => Some(String::from_utf8_lossy(&out).into_owned()),
            _ => None,
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[test]
fn binary_serves_resets_and_stops() {
    let mut server = Server::start(&["--test-control"]);
    let reply = server
        .request("GET", "/wp-json/wp/v2/posts?per_page=1", "")
        .unwrap();
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    assert!(reply.to_ascii_lowercase().contains("x-wp-total: 25"));
    assert!(reply.contains(&format!("http://127.0.0.1:{}/", server.port)));

    let set = server
        .request(
            "POST",
            "/__test/fault",
            r#"{"path_prefix":"/wp-json/wp/v2/posts","kind":"reset","times":1}"#,
        )
        .unwrap();
    assert!(set.starts_with("HTTP/1.1 200"), "{set}");
    assert_eq!(server.request("GET", "/wp-json/wp/v2/posts", ""), None);
    assert!(server
        .request("GET", "/wp-json/wp/v2/posts", "")
        .unwrap()
        .starts_with("HTTP/1.1 200"));

    // SIGTERM: a clean, successful exit.
    let pid = server.child.id().to_string();
    assert!(Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "devapi did not stop on SIGTERM");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status:?}");
}
