//! The text of the mails the exchange sends, in the member's language (server only: mail text is
//! not part of the browser bundle).

use crate::db::outbox::Mail;
use crate::i18n::Locale;

/// Minutes a password reset link stays valid.
pub const RESET_LINK_MINUTES: i64 = 60;

fn signature(locale: Locale, origin: &str) -> String {
    match locale {
        Locale::Vi => format!("\n\n—\nSàn Giao dịch Công nghệ\n{origin}\n"),
        Locale::En => format!("\n\n—\nTechnology Exchange\n{origin}\n"),
    }
}

/// Sent when an account is opened.
pub fn welcome(locale: Locale, to: &str, name: &str, origin: &str) -> Mail {
    let (subject, body) = match locale {
        Locale::Vi => (
            "Chào mừng bạn đến Sàn Giao dịch Công nghệ".to_owned(),
            format!(
                "Xin chào {name},\n\nTài khoản của bạn đã được tạo. Bạn có thể đăng tin chào bán, \
                 tìm mua, mở gian hàng cho tổ chức của mình và liên hệ người bán.\n\n\
                 Tài khoản của bạn: {origin}/account"
            ),
        ),
        Locale::En => (
            "Welcome to the Technology Exchange".to_owned(),
            format!(
                "Hello {name},\n\nYour account is ready. You can post offers and requests, open a \
                 stall for your organisation and contact sellers.\n\nYour account: {origin}/account"
            ),
        ),
    };
    Mail {
        to: to.to_owned(),
        kind: "welcome",
        subject,
        body: body + &signature(locale, origin),
    }
}

/// How long a link confirming a new account's address works.
pub const CONFIRM_LINK_HOURS: i64 = 48;

/// Carries the link that confirms a new account's address (and logs it in), going on to `next`.
pub fn confirm_email(
    locale: Locale,
    to: &str,
    name: &str,
    origin: &str,
    token: &str,
    next: Option<&str>,
) -> Mail {
    let next = next
        .map(|path| {
            format!(
                "&next={}",
                crate::components::pagination::encode_component(path)
            )
        })
        .unwrap_or_default();
    let link = format!("{origin}/confirm-email?token={token}{next}");
    let (subject, body) = match locale {
        Locale::Vi => (
            "Xác nhận địa chỉ email để hoàn tất đăng ký".to_owned(),
            format!(
                "Xin chào {name},\n\nCảm ơn bạn đã đăng ký tại Sàn Giao dịch Công nghệ. Mở liên kết \
                 sau trong {CONFIRM_LINK_HOURS} giờ để xác nhận địa chỉ email và đăng nhập:\n\n\
                 {link}\n\nNếu bạn không đăng ký, hãy bỏ qua thư này: tài khoản sẽ không được kích hoạt."
            ),
        ),
        Locale::En => (
            "Confirm your e-mail address to finish signing up".to_owned(),
            format!(
                "Hello {name},\n\nThank you for signing up at the Technology Exchange. Open this \
                 link within {CONFIRM_LINK_HOURS} hours to confirm your address and log in:\n\n\
                 {link}\n\nIf you did not sign up, ignore this message: the account stays inactive."
            ),
        ),
    };
    Mail {
        to: to.to_owned(),
        kind: "confirm_email",
        subject,
        body: body + &signature(locale, origin),
    }
}

/// Tells the owner of an address that someone tried to open a second account with it (the form
/// said the same as for a new address, so the stranger learnt nothing).
pub fn registration_attempt(locale: Locale, to: &str, name: &str, origin: &str) -> Mail {
    let (subject, body) = match locale {
        Locale::Vi => (
            "Có người đăng ký bằng địa chỉ email của bạn".to_owned(),
            format!(
                "Xin chào {name},\n\nVừa có người dùng địa chỉ này để đăng ký tài khoản mới. Địa chỉ \
                 này đã có tài khoản, nên không có tài khoản nào được tạo.\n\nNếu đó là bạn, hãy \
                 đăng nhập: {origin}/login — hoặc đặt lại mật khẩu nếu bạn quên: \
                 {origin}/forgot-password\n\nNếu không phải bạn, bạn không cần làm gì."
            ),
        ),
        Locale::En => (
            "Someone signed up with your e-mail address".to_owned(),
            format!(
                "Hello {name},\n\nSomeone just used this address to open a new account. It has an \
                 account already, so none was created.\n\nIf it was you, log in: {origin}/login — \
                 or reset your password if you forgot it: {origin}/forgot-password\n\nIf it was not \
                 you, there is nothing to do."
            ),
        ),
    };
    Mail {
        to: to.to_owned(),
        kind: "registration_attempt",
        subject,
        body: body + &signature(locale, origin),
    }
}

/// Carries a one-time link to set a new password.
pub fn password_reset(locale: Locale, to: &str, name: &str, origin: &str, token: &str) -> Mail {
    let link = format!("{origin}/reset-password?token={token}");
    let (subject, body) = match locale {
        Locale::Vi => (
            "Đặt lại mật khẩu".to_owned(),
            format!(
                "Xin chào {name},\n\nCó người (hy vọng là bạn) yêu cầu đặt lại mật khẩu cho tài \
                 khoản này. Mở liên kết sau trong {RESET_LINK_MINUTES} phút để chọn mật khẩu mới; \
                 liên kết chỉ dùng được một lần:\n\n{link}\n\nNếu bạn không yêu cầu, hãy bỏ qua \
                 thư này: mật khẩu của bạn không thay đổi."
            ),
        ),
        Locale::En => (
            "Reset your password".to_owned(),
            format!(
                "Hello {name},\n\nSomeone (hopefully you) asked to reset the password of this \
                 account. Open this link within {RESET_LINK_MINUTES} minutes to choose a new one; \
                 it works once:\n\n{link}\n\nIf it was not you, ignore this mail: your password \
                 has not changed."
            ),
        ),
    };
    Mail {
        to: to.to_owned(),
        kind: "password_reset",
        subject,
        body: body + &signature(locale, origin),
    }
}

/// Tells the member their password changed, in case it was not them.
pub fn password_changed(locale: Locale, to: &str, name: &str, origin: &str) -> Mail {
    let (subject, body) = match locale {
        Locale::Vi => (
            "Mật khẩu của bạn đã được đổi".to_owned(),
            format!(
                "Xin chào {name},\n\nMật khẩu tài khoản của bạn vừa được đổi và các phiên đăng \
                 nhập khác đã được đăng xuất. Nếu không phải bạn, hãy đặt lại mật khẩu ngay: \
                 {origin}/forgot-password"
            ),
        ),
        Locale::En => (
            "Your password was changed".to_owned(),
            format!(
                "Hello {name},\n\nThe password of your account was just changed and your other \
                 sessions were logged out. If it was not you, reset it now: \
                 {origin}/forgot-password"
            ),
        ),
    };
    Mail {
        to: to.to_owned(),
        kind: "password_changed",
        subject,
        body: body + &signature(locale, origin),
    }
}

/// Invites a colleague to act for a stall; the link works once, for an account with this
/// address, within [`crate::domain::stall_limits::INVITATION_DAYS`] days.
pub fn stall_invitation(
    locale: Locale,
    to: &str,
    inviter: &str,
    stall_name: &str,
    origin: &str,
    token: &str,
) -> Mail {
    let link = format!("{origin}/stall-invitation?token={token}");
    let days = crate::domain::stall_limits::INVITATION_DAYS;
    let (subject, body) = match locale {
        Locale::Vi => (
            format!("Lời mời tham gia gian hàng “{stall_name}”"),
            format!(
                "Xin chào,\n\n{inviter} mời bạn cùng quản lý gian hàng “{stall_name}” trên sàn: \
                 đăng tin, trả lời khách hỏi mua cho gian hàng.\n\nMở liên kết sau trong {days} ngày \
                 để nhận lời mời (đăng nhập hoặc đăng ký bằng địa chỉ {to}):\n\n{link}\n\n\
                 Nếu bạn không quen người mời, hãy bỏ qua thư này."
            ),
        ),
        Locale::En => (
            format!("Invitation to the stall “{stall_name}”"),
            format!(
                "Hello,\n\n{inviter} invites you to act for the stall “{stall_name}” on the \
                 exchange: post listings and answer buyers for it.\n\nOpen this link within {days} \
                 days to accept (log in or sign up with the address {to}):\n\n{link}\n\n\
                 If you do not know who sent this, ignore this mail."
            ),
        ),
    };
    Mail {
        to: to.to_owned(),
        kind: "stall_invitation",
        subject,
        body: body + &signature(locale, origin),
    }
}

/// Tells a stall's members what the moderators decided.
pub fn stall_decision(
    locale: Locale,
    to: &str,
    name: &str,
    origin: &str,
    stall: (&str, &str),
    rejection_reason: Option<&str>,
) -> Mail {
    let (stall_name, stall_slug) = stall;
    let (subject, body) = match (locale, rejection_reason) {
        (Locale::Vi, None) => (
            format!("Gian hàng “{stall_name}” đã được duyệt"),
            format!(
                "Xin chào {name},\n\nGian hàng “{stall_name}” đã được duyệt và hiển thị công khai: \
                 {origin}/stalls/{stall_slug}\n\nBạn có thể đăng tin chào bán và tìm mua cho gian hàng."
            ),
        ),
        (Locale::Vi, Some(reason)) => (
            format!("Gian hàng “{stall_name}” chưa được duyệt"),
            format!(
                "Xin chào {name},\n\nKiểm duyệt viên chưa duyệt gian hàng “{stall_name}” vì:\n\n{reason}\n\n\
                 Hãy sửa thông tin và gửi lại: {origin}/account/stalls"
            ),
        ),
        (Locale::En, None) => (
            format!("Stall “{stall_name}” approved"),
            format!(
                "Hello {name},\n\nThe stall “{stall_name}” is approved and public: \
                 {origin}/stalls/{stall_slug}\n\nYou can now post offers and requests for it."
            ),
        ),
        (Locale::En, Some(reason)) => (
            format!("Stall “{stall_name}” not approved"),
            format!(
                "Hello {name},\n\nA moderator did not approve the stall “{stall_name}”:\n\n{reason}\n\n\
                 Edit it and send it again: {origin}/account/stalls"
            ),
        ),
    };
    Mail {
        to: to.to_owned(),
        kind: "moderation_result",
        subject,
        body: body + &signature(locale, origin),
    }
}

/// Tells a stall's members what the moderators decided about changes to the approved stall.
pub fn stall_edit_decision(
    locale: Locale,
    to: &str,
    name: &str,
    origin: &str,
    stall: (&str, &str),
    rejection_reason: Option<&str>,
) -> Mail {
    let (stall_name, stall_slug) = stall;
    let (subject, body) = match (locale, rejection_reason) {
        (Locale::Vi, None) => (
            format!("Thay đổi của gian hàng “{stall_name}” đã được duyệt"),
            format!(
                "Xin chào {name},\n\nThay đổi của gian hàng “{stall_name}” đã được duyệt và đang hiển thị: \
                 {origin}/stalls/{stall_slug}"
            ),
        ),
        (Locale::Vi, Some(reason)) => (
            format!("Thay đổi của gian hàng “{stall_name}” chưa được duyệt"),
            format!(
                "Xin chào {name},\n\nKiểm duyệt viên chưa duyệt thay đổi của gian hàng “{stall_name}” vì:\n\n\
                 {reason}\n\nTrang công khai vẫn giữ phiên bản đã duyệt. Bạn có thể sửa và gửi lại: \
                 {origin}/account/stalls"
            ),
        ),
        (Locale::En, None) => (
            format!("Changes to “{stall_name}” approved"),
            format!(
                "Hello {name},\n\nThe changes to the stall “{stall_name}” are approved and public: \
                 {origin}/stalls/{stall_slug}"
            ),
        ),
        (Locale::En, Some(reason)) => (
            format!("Changes to “{stall_name}” not approved"),
            format!(
                "Hello {name},\n\nA moderator did not approve the changes to the stall “{stall_name}”:\n\n\
                 {reason}\n\nThe public page keeps the approved version. Edit and send them again: \
                 {origin}/account/stalls"
            ),
        ),
    };
    Mail {
        to: to.to_owned(),
        kind: "moderation_result",
        subject,
        body: body + &signature(locale, origin),
    }
}

/// Tells a listing's poster what the moderators decided.
pub fn listing_decision(
    locale: Locale,
    to: &str,
    name: &str,
    origin: &str,
    listing: (&str, &str),
    rejection_reason: Option<&str>,
) -> Mail {
    let (title, slug) = listing;
    let (subject, body) = match (locale, rejection_reason) {
        (Locale::Vi, None) => (
            format!("Tin “{title}” đã được đăng"),
            format!(
                "Xin chào {name},\n\nTin “{title}” đã được duyệt và hiển thị: {origin}/listings/{slug}"
            ),
        ),
        (Locale::Vi, Some(reason)) => (
            format!("Tin “{title}” chưa được duyệt"),
            format!(
                "Xin chào {name},\n\nKiểm duyệt viên chưa duyệt tin “{title}” vì:\n\n{reason}\n\n\
                 Hãy sửa tin và gửi lại: {origin}/account/listings"
            ),
        ),
        (Locale::En, None) => (
            format!("“{title}” is published"),
            format!("Hello {name},\n\n“{title}” is approved and public: {origin}/listings/{slug}"),
        ),
        (Locale::En, Some(reason)) => (
            format!("“{title}” not approved"),
            format!(
                "Hello {name},\n\nA moderator did not approve “{title}”:\n\n{reason}\n\n\
                 Edit it and send it again: {origin}/account/listings"
            ),
        ),
    };
    Mail {
        to: to.to_owned(),
        kind: "moderation_result",
        subject,
        body: body + &signature(locale, origin),
    }
}

/// Tells a seller what the moderators decided about their auction (`id`, the listing's title).
pub fn auction_decision(
    locale: Locale,
    to: &str,
    name: &str,
    origin: &str,
    auction: (i64, &str),
    rejection_reason: Option<&str>,
) -> Mail {
    let (id, title) = auction;
    let (subject, body) = match (locale, rejection_reason) {
        (Locale::Vi, None) => (
            format!("Phiên đấu giá “{title}” đã được duyệt"),
            format!(
                "Xin chào {name},\n\nPhiên đấu giá “{title}” đã được duyệt và sẽ mở theo giờ bạn đặt: \
                 {origin}/auctions/{id}"
            ),
        ),
        (Locale::Vi, Some(reason)) => (
            format!("Phiên đấu giá “{title}” chưa được duyệt"),
            format!(
                "Xin chào {name},\n\nKiểm duyệt viên chưa duyệt phiên đấu giá “{title}” vì:\n\n{reason}\n\n\
                 Hãy sửa và gửi lại: {origin}/account/listings"
            ),
        ),
        (Locale::En, None) => (
            format!("Auction “{title}” approved"),
            format!(
                "Hello {name},\n\nThe auction “{title}” is approved and opens at the time you set: \
                 {origin}/auctions/{id}"
            ),
        ),
        (Locale::En, Some(reason)) => (
            format!("Auction “{title}” not approved"),
            format!(
                "Hello {name},\n\nA moderator did not approve the auction “{title}”:\n\n{reason}\n\n\
                 Change it and send it again: {origin}/account/listings"
            ),
        ),
    };
    Mail {
        to: to.to_owned(),
        kind: "moderation_result",
        subject,
        body: body + &signature(locale, origin),
    }
}

/// Tells a member whether a moderator confirmed their deposit for auction `id`.
pub fn bidder_decision(
    locale: Locale,
    to: &str,
    name: &str,
    origin: &str,
    auction: (i64, &str),
    refusal_reason: Option<&str>,
) -> Mail {
    let (id, title) = auction;
    let (subject, body) = match (locale, refusal_reason) {
        (Locale::Vi, None) => (
            format!("Bạn đã được duyệt tham gia đấu giá “{title}”"),
            format!(
                "Xin chào {name},\n\nTiền đặt trước của bạn đã được xác nhận; bạn có thể trả giá khi \
                 phiên mở: {origin}/auctions/{id}"
            ),
        ),
        (Locale::Vi, Some(reason)) => (
            format!("Đăng ký đấu giá “{title}” chưa được duyệt"),
            format!(
                "Xin chào {name},\n\nĐăng ký tham gia đấu giá “{title}” của bạn chưa được duyệt vì:\n\n\
                 {reason}\n\nBạn có thể đăng ký lại: {origin}/auctions/{id}"
            ),
        ),
        (Locale::En, None) => (
            format!("You may bid on “{title}”"),
            format!(
                "Hello {name},\n\nYour deposit is confirmed; you can bid once the auction opens: \
                 {origin}/auctions/{id}"
            ),
        ),
        (Locale::En, Some(reason)) => (
            format!("Registration for “{title}” not approved"),
            format!(
                "Hello {name},\n\nYour registration to bid on “{title}” was not approved:\n\n{reason}\n\n\
                 You can register again: {origin}/auctions/{id}"
            ),
        ),
    };
    Mail {
        to: to.to_owned(),
        kind: "moderation_result",
        subject,
        body: body + &signature(locale, origin),
    }
}

/// Tells a bidder someone bid above their maximum; `price` is the auction's price now.
pub fn auction_outbid(
    locale: Locale,
    to: &str,
    name: &str,
    origin: &str,
    (auction_id, title): (i64, &str),
    price: i64,
) -> Mail {
    let link = format!("{origin}/auctions/{auction_id}");
    let price = crate::domain::Vnd::new(price).map_or_else(String::new, |v| v.to_string());
    let (subject, body) = match locale {
        Locale::Vi => (
            format!("Bạn đã bị trả giá cao hơn: “{title}”"),
            format!(
                "Xin chào {name},\n\nCó người vừa trả giá cao hơn giá tối đa của bạn cho “{title}”. \
                 Giá hiện tại: {price}.\n\nTrả giá tiếp: {link}"
            ),
        ),
        Locale::En => (
            format!("You have been outbid: “{title}”"),
            format!(
                "Hello {name},\n\nSomeone bid above your maximum on “{title}”. The price is now \
                 {price}.\n\nBid again: {link}"
            ),
        ),
    };
    Mail {
        to: to.to_owned(),
        kind: "auction_outbid",
        subject,
        body: body + &signature(locale, origin),
    }
}

/// Tells a bidder or watcher that an auction ends within the hour.
pub fn auction_ending_soon(
    locale: Locale,
    to: &str,
    name: &str,
    origin: &str,
    (auction_id, title): (i64, &str),
) -> Mail {
    let link = format!("{origin}/auctions/{auction_id}");
    let (subject, body) = match locale {
        Locale::Vi => (
            format!("Phiên đấu giá “{title}” sắp kết thúc"),
            format!(
                "Xin chào {name},\n\nPhiên đấu giá “{title}” mà bạn tham gia hoặc theo dõi sẽ kết thúc \
                 trong vòng một giờ.\n\nXem phiên: {link}"
            ),
        ),
        Locale::En => (
            format!("The auction “{title}” ends soon"),
            format!(
                "Hello {name},\n\nThe auction “{title}” you bid on or watch ends within the hour.\n\n\
                 See the auction: {link}"
            ),
        ),
    };
    Mail {
        to: to.to_owned(),
        kind: "auction_ending_soon",
        subject,
        body: body + &signature(locale, origin),
    }
}

/// Tells a member there is a new message about a listing: the first of an inquiry (to the
/// listing's side) or a reply (to the other side). Only the first unread message of a run is
/// mailed, so a lively conversation does not flood anyone's mailbox.
pub fn new_message(
    locale: Locale,
    to: &str,
    name: &str,
    origin: &str,
    (conversation_id, listing_title): (i64, &str),
    author: &str,
    first: bool,
) -> Mail {
    let link = format!("{origin}/account/inquiries/{conversation_id}");
    let (subject, body) = match (locale, first) {
        (Locale::Vi, true) => (
            format!("Yêu cầu liên hệ mới về “{listing_title}”"),
            format!(
                "Xin chào {name},\n\n{author} vừa gửi yêu cầu liên hệ về “{listing_title}”.\n\n\
                 Đọc và trả lời: {link}"
            ),
        ),
        (Locale::Vi, false) => (
            format!("Tin nhắn mới về “{listing_title}”"),
            format!(
                "Xin chào {name},\n\n{author} vừa trả lời trong trao đổi về “{listing_title}”.\n\n\
                 Đọc và trả lời: {link}"
            ),
        ),
        (Locale::En, true) => (
            format!("New inquiry about “{listing_title}”"),
            format!(
                "Hello {name},\n\n{author} sent an inquiry about “{listing_title}”.\n\n\
                 Read and reply: {link}"
            ),
        ),
        (Locale::En, false) => (
            format!("New message about “{listing_title}”"),
            format!(
                "Hello {name},\n\n{author} replied in your conversation about “{listing_title}”.\n\n\
                 Read and reply: {link}"
            ),
        ),
    };
    Mail {
        to: to.to_owned(),
        kind: if first {
            "inquiry_received"
        } else {
            "message_received"
        },
        subject,
        body: body + &signature(locale, origin),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reset_mail_carries_the_link_in_the_members_language() {
        let mail = password_reset(Locale::Vi, "an@cantho.vn", "An", "https://techx.vn", "abc");
        assert_eq!(mail.kind, "password_reset");
        assert!(
            mail.body
                .contains("https://techx.vn/reset-password?token=abc")
        );
        assert!(mail.body.contains("Xin chào An"));
        let english = password_reset(Locale::En, "an@cantho.vn", "An", "https://techx.vn", "abc");
        assert_ne!(mail.subject, english.subject);
    }
}

/// Where a member stood in an auction that has just ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuctionEnd {
    /// They won it at this price.
    Won(i64),
    /// They bid and did not win: someone else did, or the reserve was not met.
    Lost { sold: bool },
    /// It was their auction: sold at this price, or not sold.
    Seller(Option<i64>),
}

/// Tells a bidder or the seller how an auction ended.
pub fn auction_ended(
    locale: Locale,
    to: &str,
    name: &str,
    origin: &str,
    (auction_id, title): (i64, &str),
    end: AuctionEnd,
) -> Mail {
    let link = format!("{origin}/auctions/{auction_id}");
    let money =
        |amount: i64| crate::domain::Vnd::new(amount).map_or_else(String::new, |v| v.to_string());
    let (kind, subject, body) = match (locale, end) {
        (Locale::Vi, AuctionEnd::Won(price)) => (
            "auction_won",
            format!("Bạn đã thắng phiên đấu giá “{title}”"),
            format!(
                "Xin chào {name},\n\nPhiên đấu giá “{title}” đã kết thúc và bạn là người thắng với giá {}.\n\
                 Người bán sẽ liên hệ với bạn để hoàn tất giao dịch.\n\nXem phiên: {link}",
                money(price)
            ),
        ),
        (Locale::Vi, AuctionEnd::Lost { sold }) => (
            "auction_lost",
            format!("Phiên đấu giá “{title}” đã kết thúc"),
            format!(
                "Xin chào {name},\n\nPhiên đấu giá “{title}” đã kết thúc. {}\n\nXem phiên: {link}",
                if sold {
                    "Rất tiếc, bạn không phải người trả giá cao nhất."
                } else {
                    "Giá cuối chưa đạt giá dự kiến của người bán nên tài sản không được bán."
                }
            ),
        ),
        (Locale::Vi, AuctionEnd::Seller(sold)) => (
            "auction_ended",
            format!("Phiên đấu giá “{title}” của bạn đã kết thúc"),
            match sold {
                Some(price) => format!(
                    "Xin chào {name},\n\nPhiên đấu giá “{title}” đã kết thúc với giá {}. \
                     Tin đã được đánh dấu là đã bán; hãy liên hệ người thắng để hoàn tất giao dịch.\n\n\
                     Xem phiên: {link}",
                    money(price)
                ),
                None => format!(
                    "Xin chào {name},\n\nPhiên đấu giá “{title}” đã kết thúc mà không bán được \
                     (không có trả giá hoặc chưa đạt giá dự kiến). Tin vẫn được đăng.\n\nXem phiên: {link}"
                ),
            },
        ),
        (Locale::En, AuctionEnd::Won(price)) => (
            "auction_won",
            format!("You won the auction “{title}”"),
            format!(
                "Hello {name},\n\nThe auction “{title}” has ended and you won it at {}.\n\
                 The seller will contact you to complete the sale.\n\nSee the auction: {link}",
                money(price)
            ),
        ),
        (Locale::En, AuctionEnd::Lost { sold }) => (
            "auction_lost",
            format!("The auction “{title}” has ended"),
            format!(
                "Hello {name},\n\nThe auction “{title}” has ended. {}\n\nSee the auction: {link}",
                if sold {
                    "Another bidder offered more."
                } else {
                    "The final price did not reach the seller's reserve, so nothing was sold."
                }
            ),
        ),
        (Locale::En, AuctionEnd::Seller(sold)) => (
            "auction_ended",
            format!("Your auction “{title}” has ended"),
            match sold {
                Some(price) => format!(
                    "Hello {name},\n\nYour auction “{title}” has ended at {}. The listing is marked \
                     sold; contact the winner to complete the sale.\n\nSee the auction: {link}",
                    money(price)
                ),
                None => format!(
                    "Hello {name},\n\nYour auction “{title}” has ended without a sale (no bids, or the \
                     reserve was not met). The listing stays published.\n\nSee the auction: {link}"
                ),
            },
        ),
    };
    Mail {
        to: to.to_owned(),
        kind,
        subject,
        body: body + &signature(locale, origin),
    }
}

/// Escapes text for an HTML mail part.
fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

/// The day's or the week's digest of new listings a member's alerts found (`frequency` is
/// `daily` or `weekly`): every listing with its picture, price and link, grouped by what found
/// it, and a one-click unsubscribe link signed with `token`.
pub fn alert_digest(
    locale: Locale,
    to: &str,
    name: &str,
    origin: &str,
    frequency: &str,
    listings: &[crate::model::AlertListing],
    token: &str,
) -> crate::db::outbox::RichMail {
    let vi = locale == Locale::Vi;
    let count = listings.len();
    let subject = match (vi, frequency) {
        (true, "weekly") => format!("{count} tin mới trong tuần phù hợp với tìm kiếm của bạn"),
        (true, _) => format!("{count} tin mới hôm nay phù hợp với tìm kiếm của bạn"),
        (false, "weekly") => format!("{count} new listings this week for your alerts"),
        (false, _) => format!("{count} new listings today for your alerts"),
    };
    let greeting = if vi {
        format!("Xin chào {name},")
    } else {
        format!("Hello {name},")
    };
    let lead = if vi {
        "Đây là các tin mới đăng phù hợp với tìm kiếm đã lưu và yêu cầu mua của bạn."
    } else {
        "These listings were published since your last alert and fit your saved searches or requests."
    };
    let unsubscribe = format!("{origin}/alerts/unsubscribe?token={token}");
    let manage = format!("{origin}/account/alerts");
    let (manage_text, unsubscribe_text, for_text) = if vi {
        ("Quản lý thông báo", "Ngừng nhận thư thông báo", "Theo")
    } else {
        ("Manage your alerts", "Stop alert mails", "For")
    };
    let price = |l: &crate::model::AlertListing| {
        l.price
            .and_then(crate::domain::Vnd::new)
            .map(|v| v.to_string())
            .unwrap_or_default()
    };
    let kind = |l: &crate::model::AlertListing| match (vi, l.kind.as_str()) {
        (true, "request") => "Tìm mua",
        (true, _) => "Chào bán",
        (false, "request") => "Request to buy",
        (false, _) => "Offer",
    };
    // Grouped by what found them, in the order first found.
    let mut groups: Vec<(&str, Vec<&crate::model::AlertListing>)> = Vec::new();
    for listing in listings {
        match groups
            .iter_mut()
            .find(|(reason, _)| *reason == listing.reason)
        {
            Some((_, items)) => items.push(listing),
            None => groups.push((&listing.reason, vec![listing])),
        }
    }
    let mut text = format!("{greeting}\n\n{lead}\n");
    let mut html = format!(
        "<!doctype html><html lang=\"{}\"><body style=\"font-family:Arial,sans-serif;color:#1b2b23;max-width:640px\">\
         <p>{}</p><p>{}</p>",
        if vi { "vi" } else { "en" },
        html_escape(&greeting),
        html_escape(lead)
    );
    for (reason, items) in &groups {
        text.push_str(&format!("\n{for_text} “{reason}”:\n"));
        html.push_str(&format!(
            "<h2 style=\"font-size:16px;margin:24px 0 8px\">{for_text} “{}”</h2>",
            html_escape(reason)
        ));
        for l in items {
            let link = format!("{origin}/listings/{}", l.slug);
            text.push_str(&format!(
                "- [{}] {} {}\n  {link}\n",
                kind(l),
                l.title,
                price(l)
            ));
            let picture = l.picture.as_deref().map_or_else(String::new, |key| {
                format!(
                    "<img src=\"{origin}{}\" alt=\"\" width=\"96\" height=\"72\" style=\"border-radius:6px;object-fit:cover\">",
                    html_escape(&crate::model::ListingImage::media_url(key))
                )
            });
            html.push_str(&format!(
                "<table role=\"presentation\" style=\"margin:0 0 12px\"><tr><td style=\"width:104px;vertical-align:top\">{picture}</td>\
                 <td style=\"vertical-align:top\"><div style=\"font-size:12px;color:#5b6b63\">{}</div>\
                 <a href=\"{}\" style=\"color:#0b6b3a;font-weight:bold\">{}</a><div>{}</div></td></tr></table>",
                kind(l),
                html_escape(&link),
                html_escape(&l.title),
                html_escape(&price(l))
            ));
        }
    }
    text.push_str(&format!(
        "\n{manage_text}: {manage}\n{unsubscribe_text}: {unsubscribe}"
    ));
    html.push_str(&format!(
        "<p style=\"margin-top:24px;font-size:13px\"><a href=\"{}\">{manage_text}</a> · <a href=\"{}\">{unsubscribe_text}</a></p></body></html>",
        html_escape(&manage),
        html_escape(&unsubscribe)
    ));
    crate::db::outbox::RichMail {
        mail: Mail {
            to: to.to_owned(),
            kind: "alert_digest",
            subject,
            body: text + &signature(locale, origin),
        },
        html,
        list_unsubscribe: format!("{origin}/alerts/unsubscribe/one-click?token={token}"),
    }
}

#[cfg(test)]
mod digest_tests {
    use super::*;
    use crate::model::AlertListing;

    #[test]
    fn a_digest_lists_every_listing_with_its_link_and_escapes_what_members_typed() {
        let listing = |title: &str, reason: &str| AlertListing {
            title: title.into(),
            slug: "may-bom".into(),
            kind: "offer".into(),
            price: Some(4_500_000),
            picture: Some("demo/pump_t.jpg".into()),
            reason: reason.into(),
        };
        let items = [
            listing("Máy bơm <chìm>", "bơm nước"),
            listing("Bơm tưới", "bơm nước"),
            listing("Drone phun thuốc", "drone"),
        ];
        let mail = alert_digest(
            Locale::Vi,
            "an@cantho.vn",
            "An",
            "https://techx.vn",
            "daily",
            &items,
            "7.abc",
        );
        assert!(mail.mail.subject.starts_with("3 tin mới hôm nay"));
        assert!(mail.mail.body.contains("https://techx.vn/listings/may-bom"));
        assert_eq!(
            mail.list_unsubscribe,
            "https://techx.vn/alerts/unsubscribe/one-click?token=7.abc"
        );
        assert!(
            mail.mail
                .body
                .contains("https://techx.vn/alerts/unsubscribe?token=7.abc")
        );
        assert!(mail.html.contains("Máy bơm &lt;chìm&gt;"));
        assert!(!mail.html.contains("<chìm>"));
        assert_eq!(mail.html.matches("<h2").count(), 2, "grouped by search");
        assert!(mail.html.contains("https://techx.vn/media/demo/pump_t.jpg"));
        let weekly = alert_digest(Locale::En, "a@b.vn", "A", "o", "weekly", &items, "t");
        assert!(weekly.mail.subject.contains("this week"));
    }
}

/// Tells a member that someone asks to be introduced about their listing.
pub fn introduction_asked(
    locale: Locale,
    to: &str,
    name: &str,
    origin: &str,
    asker: &str,
    (listing_title, message): (&str, &str),
) -> Mail {
    let link = format!("{origin}/account/introductions");
    let (subject, body) = match locale {
        Locale::Vi => (
            format!("{asker} muốn được giới thiệu về “{listing_title}”"),
            format!(
                "Xin chào {name},\n\n{asker} thấy tin “{listing_title}” của bạn phù hợp và muốn được \
                 giới thiệu:\n\n“{message}”\n\nĐồng ý hoặc từ chối: {link}"
            ),
        ),
        Locale::En => (
            format!("{asker} asks to be introduced about “{listing_title}”"),
            format!(
                "Hello {name},\n\n{asker} found your listing “{listing_title}” a fit and asks to be \
                 introduced:\n\n“{message}”\n\nAccept or decline: {link}"
            ),
        ),
    };
    Mail {
        to: to.to_owned(),
        kind: "introduction_asked",
        subject,
        body: body + &signature(locale, origin),
    }
}

/// Tells the member who asked for an introduction that it was accepted or declined.
pub fn introduction_answered(
    locale: Locale,
    to: &str,
    name: &str,
    origin: &str,
    other: &str,
    accepted: bool,
) -> Mail {
    let link = format!("{origin}/account/introductions");
    let (subject, body) = match (locale, accepted) {
        (Locale::Vi, true) => (
            format!("{other} đã đồng ý kết nối"),
            format!(
                "Xin chào {name},\n\n{other} đã đồng ý lời đề nghị kết nối của bạn. Thông tin liên hệ và cuộc trao đổi: {link}"
            ),
        ),
        (Locale::Vi, false) => (
            format!("{other} đã từ chối kết nối"),
            format!(
                "Xin chào {name},\n\n{other} đã từ chối lời đề nghị kết nối của bạn. Xem lý do: {link}"
            ),
        ),
        (Locale::En, true) => (
            format!("{other} accepted the introduction"),
            format!(
                "Hello {name},\n\n{other} accepted your introduction. Contact details and your conversation: {link}"
            ),
        ),
        (Locale::En, false) => (
            format!("{other} declined the introduction"),
            format!("Hello {name},\n\n{other} declined your introduction. See why: {link}"),
        ),
    };
    Mail {
        to: to.to_owned(),
        kind: "introduction_answered",
        subject,
        body: body + &signature(locale, origin),
    }
}

/// Tells a project's presenter that an investor asks to be introduced.
pub fn startup_introduction_asked(
    locale: Locale,
    (to, name): (&str, &str),
    origin: &str,
    investor: &str,
    (project, message): (&str, &str),
) -> Mail {
    let link = format!("{origin}/account/startups#introductions");
    let (subject, body) = match locale {
        Locale::Vi => (
            format!("{investor} muốn được giới thiệu với dự án “{project}”"),
            format!(
                "Xin chào {name},\n\nNhà đầu tư {investor} quan tâm đến dự án “{project}” của bạn \
                 và muốn được giới thiệu:\n\n“{message}”\n\nĐồng ý hoặc từ chối: {link}"
            ),
        ),
        Locale::En => (
            format!("{investor} asks to be introduced to “{project}”"),
            format!(
                "Hello {name},\n\nThe investor {investor} is interested in your project \
                 “{project}” and asks to be introduced:\n\n“{message}”\n\nAccept or decline: {link}"
            ),
        ),
    };
    Mail {
        to: to.to_owned(),
        kind: "startup_introduction_asked",
        subject,
        body: body + &signature(locale, origin),
    }
}

/// Tells the investor who asked that project `project` accepted (the conversation is open) or
/// declined the introduction.
pub fn startup_introduction_answered(
    locale: Locale,
    (to, name): (&str, &str),
    origin: &str,
    (project, id): (&str, i64),
    accepted: bool,
) -> Mail {
    let link = format!("{origin}/account/startups/introductions/{id}");
    let (subject, body) = match (locale, accepted) {
        (Locale::Vi, true) => (
            format!("Dự án “{project}” đã đồng ý giới thiệu"),
            format!("Xin chào {name},\n\nDự án “{project}” đã đồng ý. Liên hệ và trao đổi: {link}"),
        ),
        (Locale::Vi, false) => (
            format!("Dự án “{project}” đã từ chối giới thiệu"),
            format!("Xin chào {name},\n\nDự án “{project}” đã từ chối. Xem lý do: {link}"),
        ),
        (Locale::En, true) => (
            format!("“{project}” accepted the introduction"),
            format!("Hello {name},\n\n“{project}” accepted. Contact and conversation: {link}"),
        ),
        (Locale::En, false) => (
            format!("“{project}” declined the introduction"),
            format!("Hello {name},\n\n“{project}” declined. See why: {link}"),
        ),
    };
    Mail {
        to: to.to_owned(),
        kind: "startup_introduction_answered",
        subject,
        body: body + &signature(locale, origin),
    }
}

/// Tells a fund or programme that a project applied to its call.
pub fn call_application_received(
    locale: Locale,
    (to, name): (&str, &str),
    origin: &str,
    (call, id): (&str, i64),
    project: &str,
) -> Mail {
    let link = format!("{origin}/account/calls/{id}");
    let (subject, body) = match locale {
        Locale::Vi => (
            format!("Hồ sơ mới cho “{call}”: {project}"),
            format!(
                "Xin chào {name},\n\nDự án “{project}” vừa nộp hồ sơ vào “{call}”. Xem và xét duyệt: {link}"
            ),
        ),
        Locale::En => (
            format!("New application to “{call}”: {project}"),
            format!(
                "Hello {name},\n\nThe project “{project}” applied to “{call}”. Review it: {link}"
            ),
        ),
    };
    Mail {
        to: to.to_owned(),
        kind: "call_application_received",
        subject,
        body: body + &signature(locale, origin),
    }
}

/// Tells an applicant where their application to a call now stands (and why it was declined).
pub fn call_application_moved(
    locale: Locale,
    (to, name): (&str, &str),
    origin: &str,
    (call, project): (&str, &str),
    (status, reason): (&str, Option<&str>),
) -> Mail {
    let link = format!("{origin}/account/startups#applications");
    let word = match (locale, status) {
        (Locale::Vi, "reviewing") => "đang xét duyệt",
        (Locale::Vi, "interview") => "được mời phỏng vấn",
        (Locale::Vi, "funded") => "được tài trợ",
        (Locale::Vi, "declined") => "không được chọn",
        (Locale::Vi, _) => "đã nhận",
        (Locale::En, "reviewing") => "under review",
        (Locale::En, "interview") => "invited to an interview",
        (Locale::En, "funded") => "funded",
        (Locale::En, "declined") => "declined",
        (Locale::En, _) => "received",
    };
    let why = reason.map_or(String::new(), |r| match locale {
        Locale::Vi => format!("\n\nLý do: {r}"),
        Locale::En => format!("\n\nReason: {r}"),
    });
    let (subject, body) = match locale {
        Locale::Vi => (
            format!("Hồ sơ “{project}” vào “{call}”: {word}"),
            format!(
                "Xin chào {name},\n\nHồ sơ của dự án “{project}” vào “{call}” {word}.{why}\n\nXem hồ sơ: {link}"
            ),
        ),
        Locale::En => (
            format!("“{project}” in “{call}”: {word}"),
            format!(
                "Hello {name},\n\nThe application of “{project}” to “{call}” is {word}.{why}\n\nSee it: {link}"
            ),
        ),
    };
    Mail {
        to: to.to_owned(),
        kind: "call_application_moved",
        subject,
        body: body + &signature(locale, origin),
    }
}

/// Tells a side of a mentoring session what the other side did: asked for it (`requested`),
/// proposed times, declined, chose a time (`scheduled`), marked it done or cancelled it.
pub fn mentor_session_moved(
    locale: Locale,
    (to, name): (&str, &str),
    origin: &str,
    (topic, id): (&str, i64),
    status: &str,
) -> Mail {
    let link = format!("{origin}/account/mentoring/{id}");
    let what = match (locale, status) {
        (Locale::Vi, "requested") => "Một dự án xin một buổi cố vấn",
        (Locale::Vi, "proposed") => "Cố vấn đã đề xuất thời gian cho buổi cố vấn",
        (Locale::Vi, "declined") => "Cố vấn đã từ chối buổi cố vấn",
        (Locale::Vi, "scheduled") => "Dự án đã chọn thời gian cho buổi cố vấn",
        (Locale::Vi, "done") => "Buổi cố vấn đã được đánh dấu là đã diễn ra",
        (Locale::Vi, _) => "Buổi cố vấn đã bị hủy",
        (Locale::En, "requested") => "A project asks you for a mentoring session",
        (Locale::En, "proposed") => "The mentor proposed times for the session",
        (Locale::En, "declined") => "The mentor declined the session",
        (Locale::En, "scheduled") => "The project chose a time for the session",
        (Locale::En, "done") => "The session was marked as held",
        (Locale::En, _) => "The session was cancelled",
    };
    let (subject, body) = match locale {
        Locale::Vi => (
            format!("{what}: “{topic}”"),
            format!("Xin chào {name},\n\n{what}: “{topic}”.\n\nXem chi tiết: {link}"),
        ),
        Locale::En => (
            format!("{what}: “{topic}”"),
            format!("Hello {name},\n\n{what}: “{topic}”.\n\nSee it: {link}"),
        ),
    };
    Mail {
        to: to.to_owned(),
        kind: "mentor_session",
        subject,
        body: body + &signature(locale, origin),
    }
}

/// What a mail about an event registration says of the event: its title, when, where.
pub struct EventMention<'a> {
    pub title: &'a str,
    pub starts_at: i64,
    pub place: &'a str,
}

impl EventMention<'_> {
    fn line(&self, locale: Locale) -> String {
        let when = crate::domain::format_vietnam_datetime(self.starts_at);
        match locale {
            Locale::Vi => format!("“{}”, {when} (giờ Việt Nam), {}", self.title, self.place),
            Locale::En => format!("“{}”, {when} (Vietnam time), {}", self.title, self.place),
        }
    }
}

/// Carries the link a visitor opens to confirm their registration for an event.
pub fn registration_confirm(
    locale: Locale,
    to: &str,
    name: &str,
    origin: &str,
    event: &EventMention<'_>,
    token: &str,
) -> Mail {
    let link = format!("{origin}/confirm-ticket?token={token}");
    let what = event.line(locale);
    let (subject, body) = match locale {
        Locale::Vi => (
            format!("Xác nhận đăng ký tham dự “{}”", event.title),
            format!(
                "Xin chào {name},\n\nBạn (hoặc ai đó dùng địa chỉ này) vừa đăng ký tham dự {what}.\n\n\
                 Mở liên kết sau để xác nhận và nhận vé:\n\n{link}\n\n\
                 Nếu bạn không đăng ký, hãy bỏ qua thư này: không có chỗ nào được giữ."
            ),
        ),
        Locale::En => (
            format!("Confirm your registration for “{}”", event.title),
            format!(
                "Hello {name},\n\nYou (or someone using this address) registered for {what}.\n\n\
                 Open this link to confirm and get your ticket:\n\n{link}\n\n\
                 If you did not register, ignore this message: no seat is held."
            ),
        ),
    };
    Mail {
        to: to.to_owned(),
        kind: "registration_confirm",
        subject,
        body: body + &signature(locale, origin),
    }
}

/// Where a registration stands, as a mail about it tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seat {
    /// A seat: the ticket is ready.
    Taken,
    /// The event is full: on the waiting list.
    Waiting,
    /// Moved up from the waiting list to a seat.
    MovedUp,
}

/// Sends a registered visitor their ticket (or their place on the waiting list) with the link
/// that cancels it.
pub fn registration_ticket(
    locale: Locale,
    to: &str,
    name: &str,
    origin: &str,
    event: &EventMention<'_>,
    (code, cancel_token): (&str, &str),
    seat: Seat,
) -> Mail {
    let ticket = format!("{origin}/tickets/{code}");
    let cancel = format!("{ticket}?cancel={cancel_token}");
    let printed = crate::domain::registration::display_ticket_code(code);
    let what = event.line(locale);
    let (subject, opening) = match (locale, seat) {
        (Locale::Vi, Seat::Taken) => (
            format!("Vé tham dự “{}”", event.title),
            format!("Bạn đã có chỗ tại {what}."),
        ),
        (Locale::Vi, Seat::Waiting) => (
            format!("Bạn đang trong danh sách chờ của “{}”", event.title),
            format!(
                "Sự kiện {what} hiện đã hết chỗ. Bạn được ghi vào danh sách chờ: khi có người hủy, chỗ được \
                 chuyển lần lượt theo thứ tự đăng ký và bạn sẽ nhận thư báo."
            ),
        ),
        (Locale::Vi, Seat::MovedUp) => (
            format!("Đã có chỗ cho bạn tại “{}”", event.title),
            format!(
                "Có người vừa hủy: bạn được chuyển từ danh sách chờ lên và đã có chỗ tại {what}."
            ),
        ),
        (Locale::En, Seat::Taken) => (
            format!("Your ticket for “{}”", event.title),
            format!("You have a seat at {what}."),
        ),
        (Locale::En, Seat::Waiting) => (
            format!("You are on the waiting list for “{}”", event.title),
            format!(
                "The event {what} is full. You are on the waiting list: when someone cancels, seats go \
                 in the order people registered and we will write to you."
            ),
        ),
        (Locale::En, Seat::MovedUp) => (
            format!("A seat is yours at “{}”", event.title),
            format!(
                "Someone cancelled: you moved up from the waiting list and have a seat at {what}."
            ),
        ),
    };
    let body = match locale {
        Locale::Vi => format!(
            "Xin chào {name},\n\n{opening}\n\nMã vé: {printed}\nVé (có mã QR để xuất trình tại cửa): \
             {ticket}\n\nNếu không thể đến, hãy hủy để nhường chỗ cho người khác: {cancel}"
        ),
        Locale::En => format!(
            "Hello {name},\n\n{opening}\n\nTicket code: {printed}\nYour ticket (with the QR code to \
             show at the door): {ticket}\n\nIf you cannot come, cancel to free your seat for \
             someone else: {cancel}"
        ),
    };
    Mail {
        to: to.to_owned(),
        kind: "registration_ticket",
        subject,
        body: body + &signature(locale, origin),
    }
}

/// Reminds a visitor holding a seat that the event is tomorrow.
pub fn registration_reminder(
    locale: Locale,
    to: &str,
    name: &str,
    origin: &str,
    event: &EventMention<'_>,
    code: &str,
) -> Mail {
    let ticket = format!("{origin}/tickets/{code}");
    let what = event.line(locale);
    let (subject, body) = match locale {
        Locale::Vi => (
            format!("Nhắc lịch: “{}” diễn ra ngày mai", event.title),
            format!(
                "Xin chào {name},\n\nNhắc bạn: {what}.\n\nHãy mang theo vé (mã QR) để vào cửa \
                 nhanh: {ticket}\n\nNếu không thể đến, bạn có thể hủy vé từ liên kết trong thư vé."
            ),
        ),
        Locale::En => (
            format!("Reminder: “{}” is tomorrow", event.title),
            format!(
                "Hello {name},\n\nA reminder: {what}.\n\nBring your ticket (the QR code) to get in \
                 quickly: {ticket}\n\nIf you cannot come, cancel from the link in your ticket mail."
            ),
        ),
    };
    Mail {
        to: to.to_owned(),
        kind: "registration_reminder",
        subject,
        body: body + &signature(locale, origin),
    }
}

/// Tells someone registered for an event that it is cancelled.
pub fn event_cancelled(
    locale: Locale,
    to: &str,
    name: &str,
    origin: &str,
    event: &EventMention<'_>,
    slug: &str,
) -> Mail {
    let page = format!("{origin}/events/{slug}");
    let what = event.line(locale);
    let (subject, body) = match locale {
        Locale::Vi => (
            format!("Sự kiện “{}” đã bị hủy", event.title),
            format!(
                "Xin chào {name},\n\nRất tiếc, sự kiện {what} mà bạn đã đăng ký đã bị hủy. Vé của bạn \
                 không còn giá trị; bạn không cần làm gì thêm.\n\nThông tin từ ban tổ chức: {page}\n\
                 Các sự kiện sắp tới: {origin}/events"
            ),
        ),
        Locale::En => (
            format!("“{}” is cancelled", event.title),
            format!(
                "Hello {name},\n\nWe are sorry: the event {what}, which you registered for, is \
                 cancelled. Your ticket is void; there is nothing you need to do.\n\nThe \
                 organisers' page: {page}\nComing events: {origin}/events"
            ),
        ),
    };
    Mail {
        to: to.to_owned(),
        kind: "event_cancelled",
        subject,
        body: body + &signature(locale, origin),
    }
}
