//! Delivering the outbox: to a real (local, minimal) SMTP server, to the log, and retrying when
//! the mail server cannot be reached.

use std::sync::{Arc, Mutex};

use app::db::outbox::{self, Mail};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

use crate::on_both_databases;
use crate::support::TestDb;
use techx_server::mailer::{self, Mailer};

on_both_databases!(
    queued_mail_is_delivered_over_smtp_once,
    without_a_mail_server_mail_is_logged,
    an_unreachable_mail_server_means_a_later_retry,
);

/// A minimal SMTP server that accepts every message; returns its port and what it received.
async fn smtp_sink() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let received = Arc::new(Mutex::new(Vec::new()));
    let store = received.clone();
    tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                return;
            };
            let store = store.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 sink ESMTP\r\n").await.unwrap();
                while let Ok(Some(line)) = lines.next_line().await {
                    let verb = line
                        .split_whitespace()
                        .next()
                        .unwrap_or("")
                        .to_ascii_uppercase();
                    let reply: &[u8] = match verb.as_str() {
                        "EHLO" | "HELO" => b"250 sink\r\n",
                        "DATA" => {
                            write.write_all(b"354 go ahead\r\n").await.unwrap();
                            let mut data = String::new();
                            while let Ok(Some(line)) = lines.next_line().await {
                                if line == "." {
                                    break;
                                }
                                data.push_str(&line);
                                data.push('\n');
                            }
                            store.lock().unwrap().push(data);
                            b"250 queued\r\n"
                        }
                        "QUIT" => {
                            write.write_all(b"221 bye\r\n").await.unwrap();
                            return;
                        }
                        _ => b"250 ok\r\n",
                    };
                    write.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (port, received)
}

async fn queue(t: &TestDb, to: &str, subject: &str) -> i64 {
    let mail = Mail {
        to: to.to_owned(),
        kind: "welcome",
        subject: subject.to_owned(),
        body: "Xin chào An,\nTài khoản của bạn đã được tạo.".to_owned(),
    };
    let mut conn = t.db.acquire().await.unwrap();
    outbox::enqueue(&mut conn, &mail, 1).await.unwrap()
}

async fn queued_mail_is_delivered_over_smtp_once(t: TestDb) {
    let (port, received) = smtp_sink().await;
    let mailer = Mailer::new(
        Some(&format!("smtp://127.0.0.1:{port}")),
        "Sàn Giao dịch Công nghệ <no-reply@techx.test>",
    )
    .unwrap();
    queue(&t, "an@cantho.vn", "Chào mừng").await;
    assert_eq!(mailer::deliver_due(&t.db, &mailer).await.unwrap(), 1);
    assert_eq!(
        mailer::deliver_due(&t.db, &mailer).await.unwrap(),
        0,
        "sent once"
    );
    let received = received.lock().unwrap().clone();
    assert_eq!(received.len(), 1);
    assert!(received[0].contains("To: an@cantho.vn"), "{}", received[0]);
    assert!(
        received[0].contains("no-reply@techx.test"),
        "{}",
        received[0]
    );
    let stored = outbox::messages_to(&t.db, "an@cantho.vn").await.unwrap();
    assert_eq!(stored[0].status, "sent");
    assert_eq!(stored[0].attempts, 1);
}

async fn without_a_mail_server_mail_is_logged(t: TestDb) {
    let mailer = Mailer::new(None, "no-reply@techx.test").unwrap();
    queue(&t, "an@cantho.vn", "Chào mừng").await;
    queue(&t, "binh@cantho.vn", "Chào mừng").await;
    assert_eq!(mailer::deliver_due(&t.db, &mailer).await.unwrap(), 2);
    for to in ["an@cantho.vn", "binh@cantho.vn"] {
        assert_eq!(
            outbox::messages_to(&t.db, to).await.unwrap()[0].status,
            "logged"
        );
    }
}

async fn an_unreachable_mail_server_means_a_later_retry(t: TestDb) {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let mailer = Mailer::new(
        Some(&format!("smtp://127.0.0.1:{port}")),
        "no-reply@techx.test",
    )
    .unwrap();
    queue(&t, "an@cantho.vn", "Chào mừng").await;
    assert_eq!(mailer::deliver_due(&t.db, &mailer).await.unwrap(), 0);
    let (status, attempts, next, error): (String, i64, i64, Option<String>) =
        sqlx::query_as("SELECT status, attempts, next_attempt_at, last_error FROM outbox")
            .fetch_one(&t.db)
            .await
            .unwrap();
    assert_eq!((status.as_str(), attempts), ("pending", 1));
    assert!(
        next > app::db::now_ms() + 20_000,
        "retried later, not at once"
    );
    assert!(error.is_some());
    // Not due yet: a second pass does not try again.
    assert_eq!(mailer::deliver_due(&t.db, &mailer).await.unwrap(), 0);
    let attempts: i64 = sqlx::query_scalar("SELECT attempts FROM outbox")
        .fetch_one(&t.db)
        .await
        .unwrap();
    assert_eq!(attempts, 1);
}
