//! A small SMTP server on 127.0.0.1 for tests: our real lettre client talks to it over TCP. It
//! accepts messages, or refuses every one with a 554 (a failing server).

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// How the server answers.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Behaviour {
    Accept,
    Refuse,
}

/// A running test SMTP server and what it received.
pub struct SmtpServer {
    pub url: String,
    received: Arc<Mutex<Vec<String>>>,
    behaviour: Arc<Mutex<Behaviour>>,
}

impl SmtpServer {
    /// Starts a server on a free port.
    pub async fn start(behaviour: Behaviour) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("smtp://{}", listener.local_addr().unwrap());
        let received = Arc::new(Mutex::new(Vec::new()));
        let behaviour = Arc::new(Mutex::new(behaviour));
        let (r, b) = (received.clone(), behaviour.clone());
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (r, b) = (r.clone(), b.clone());
                tokio::spawn(async move { session(stream, r, b).await });
            }
        });
        Self {
            url,
            received,
            behaviour,
        }
    }

    /// Raw messages (headers and body) received so far.
    pub fn received(&self) -> Vec<String> {
        self.received.lock().unwrap().clone()
    }

    /// Changes how later messages are answered.
    pub fn set_behaviour(&self, behaviour: Behaviour) {
        *self.behaviour.lock().unwrap() = behaviour;
    }
}

async fn session(
    stream: tokio::net::TcpStream,
    received: Arc<Mutex<Vec<String>>>,
    behaviour: Arc<Mutex<Behaviour>>,
) {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read).lines();
    let _ = write.write_all(b"220 test.local ESMTP\r\n").await;
    while let Ok(Some(line)) = lines.next_line().await {
        let verb = line
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_uppercase();
        let reply: &[u8] = match verb.as_str() {
            "EHLO" | "HELO" => b"250-test.local\r\n250 8BITMIME\r\n",
            "MAIL" | "RCPT" | "RSET" | "NOOP" => b"250 OK\r\n",
            "DATA" => {
                if *behaviour.lock().unwrap() == Behaviour::Refuse {
                    b"554 5.7.1 Message refused by test server\r\n"
                } else {
                    let _ = write
                        .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                        .await;
                    let mut message = String::new();
                    while let Ok(Some(data)) = lines.next_line().await {
                        if data == "." {
                            break;
                        }
                        message.push_str(&data);
                        message.push('\n');
                    }
                    received.lock().unwrap().push(message);
                    b"250 OK queued\r\n"
                }
            }
            "QUIT" => {
                let _ = write.write_all(b"221 Bye\r\n").await;
                return;
            }
            _ => b"502 Command not implemented\r\n",
        };
        if write.write_all(reply).await.is_err() {
            return;
        }
    }
}
