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
    without_a_mail_server_mail_is_written_as_files_and_not_logged,
    an_unreachable_mail_server_means_a_later_retry,
    a_mailbox_refused_for_good_is_not_tried_again,
    a_mail_server_that_hangs_is_given_up_on_and_the_rest_is_sent,
    two_processes_delivering_at_once_send_each_mail_once,
    an_alert_mail_carries_html_and_a_one_click_unsubscribe,
);

/// How the minimal SMTP server answers.
#[derive(Clone, Copy, PartialEq)]
enum Sink {
    /// Accepts every message.
    Accepting,
    /// Refuses every recipient for good (550).
    Refusing,
    /// Never answers once the message is sent.
    Hanging,
}

/// A minimal SMTP server that accepts every message; returns its port and what it received.
async fn smtp_sink() -> (u16, Arc<Mutex<Vec<String>>>) {
    smtp_server(Sink::Accepting).await
}

/// A minimal SMTP server answering as `sink` does; returns its port and what it received.
async fn smtp_server(sink: Sink) -> (u16, Arc<Mutex<Vec<String>>>) {
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
                        "RCPT" if sink == Sink::Refusing => b"550 5.1.1 no such mailbox\r\n",
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
                            if sink == Sink::Hanging && data.contains("Subject: treo") {
                                std::future::pending::<()>().await;
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
        &std::env::temp_dir(),
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

async fn without_a_mail_server_mail_is_written_as_files_and_not_logged(t: TestDb) {
    let dir = tempfile::tempdir().unwrap();
    let mail_dir = dir.path().join("mail");
    let mailer = Mailer::new(None, "no-reply@techx.test", &mail_dir).unwrap();
    assert_eq!(mailer.mail_dir(), Some(mail_dir.as_path()));
    let an = queue(&t, "an@cantho.vn", "Chào mừng").await;
    queue(&t, "binh@cantho.vn", "Chào mừng").await;
    assert_eq!(mailer::deliver_due(&t.db, &mailer).await.unwrap(), 2);
    for to in ["an@cantho.vn", "binh@cantho.vn"] {
        assert_eq!(
            outbox::messages_to(&t.db, to).await.unwrap()[0].status,
            "logged"
        );
    }
    let mut files: Vec<String> = std::fs::read_dir(&mail_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    assert_eq!(files.len(), 2, "{files:?}");
    assert_eq!(files[0], format!("{an:06}-welcome.eml"));
    let eml = std::fs::read_to_string(mail_dir.join(&files[0])).unwrap();
    assert!(eml.contains("To: an@cantho.vn"), "{eml}");
    assert!(eml.contains("From: no-reply@techx.test"), "{eml}");
    assert!(eml.contains("Subject: "), "{eml}");
}

/// A mailer for the server on `port` that gives up on a send after two seconds.
fn smtp_mailer(port: u16) -> Mailer {
    Mailer::new(
        Some(&format!("smtp://127.0.0.1:{port}")),
        "no-reply@techx.test",
        &std::env::temp_dir(),
    )
    .unwrap()
    .with_send_timeout(std::time::Duration::from_secs(2))
}

async fn a_mailbox_refused_for_good_is_not_tried_again(t: TestDb) {
    let (port, received) = smtp_server(Sink::Refusing).await;
    let mailer = smtp_mailer(port);
    queue(&t, "khong-co@cantho.vn", "Chào mừng").await;
    assert_eq!(mailer::deliver_due(&t.db, &mailer).await.unwrap(), 0);
    let (status, attempts, error): (String, i64, Option<String>) =
        sqlx::query_as("SELECT status, attempts, last_error FROM outbox")
            .fetch_one(&t.db)
            .await
            .unwrap();
    assert_eq!((status.as_str(), attempts), ("failed", 1), "{error:?}");
    assert!(error.unwrap().contains("no such mailbox"));
    assert!(received.lock().unwrap().is_empty());
}

async fn a_mail_server_that_hangs_is_given_up_on_and_the_rest_is_sent(t: TestDb) {
    let (port, received) = smtp_server(Sink::Hanging).await;
    let mailer = smtp_mailer(port);
    let stuck = queue(&t, "an@cantho.vn", "treo").await;
    queue(&t, "binh@cantho.vn", "Chào mừng").await;
    assert_eq!(mailer::deliver_due(&t.db, &mailer).await.unwrap(), 1);
    let (status, error): (String, Option<String>) =
        sqlx::query_as("SELECT status, last_error FROM outbox WHERE id = $1")
            .bind(stuck)
            .fetch_one(&t.db)
            .await
            .unwrap();
    assert_eq!(status, "pending", "tried again later");
    assert!(error.unwrap().contains("no answer"));
    assert_eq!(received.lock().unwrap().len(), 1);
}

async fn two_processes_delivering_at_once_send_each_mail_once(t: TestDb) {
    let (port, received) = smtp_sink().await;
    let (first, second) = (smtp_mailer(port), smtp_mailer(port));
    for n in 0..30 {
        queue(&t, &format!("member{n}@cantho.vn"), "Chào mừng").await;
    }
    let (a, b) = tokio::join!(
        mailer::deliver_due(&t.db, &first),
        mailer::deliver_due(&t.db, &second)
    );
    assert_eq!(a.unwrap() + b.unwrap(), 30);
    let received = received.lock().unwrap().clone();
    let mut to: Vec<&str> = received
        .iter()
        .filter_map(|m| m.lines().find(|l| l.starts_with("To: ")))
        .collect();
    to.sort();
    to.dedup();
    assert_eq!((received.len(), to.len()), (30, 30));
}

async fn an_unreachable_mail_server_means_a_later_retry(t: TestDb) {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let mailer = smtp_mailer(port);
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

async fn an_alert_mail_carries_html_and_a_one_click_unsubscribe(t: TestDb) {
    let dir = tempfile::tempdir().unwrap();
    let mailer = Mailer::new(None, "no-reply@techx.test", dir.path()).unwrap();
    let listing = app::model::AlertListing {
        title: "Máy bơm <chìm>".into(),
        slug: "may-bom-chim".into(),
        kind: "offer".into(),
        price: Some(4_500_000),
        picture: None,
        reason: "bơm".into(),
    };
    let rich = app::mail::alert_digest(
        app::i18n::Locale::Vi,
        "an@cantho.vn",
        "An",
        "https://techx.test",
        "daily",
        &[listing],
        "7.abc",
    );
    let mut conn = t.db.acquire().await.unwrap();
    let id = outbox::enqueue_rich(&mut conn, &rich, 1).await.unwrap();
    drop(conn);
    assert_eq!(mailer::deliver_due(&t.db, &mailer).await.unwrap(), 1);
    let eml =
        std::fs::read_to_string(dir.path().join(format!("{id:06}-alert_digest.eml"))).unwrap();
    assert!(
        eml.contains(
            "List-Unsubscribe: <https://techx.test/alerts/unsubscribe/one-click?token=7.abc>"
        ),
        "{eml}"
    );
    assert!(
        eml.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"),
        "{eml}"
    );
    assert!(eml.contains("multipart/alternative"), "{eml}");
    assert!(eml.contains("text/html"), "{eml}");
    assert!(eml.contains("text/plain"), "{eml}");
}
