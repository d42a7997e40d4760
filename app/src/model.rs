//! Read models: what pages show, as sent from server to browser.

use serde::{Deserialize, Serialize};

pub mod events;
pub mod news;
pub mod startups;
pub mod statistics;
pub use events::*;
pub use news::*;
pub use startups::*;

/// The exchange's headline figures on the home page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Counters {
    /// Approved stalls.
    pub stalls: i64,
    /// Published offers to sell.
    pub offers: i64,
    /// Published requests to buy.
    pub requests: i64,
    /// Approved auctions whose bidding window contains now.
    pub auctions_running: i64,
    /// Pages served since the site opened.
    pub visits: i64,
}

/// The logged-in member, as pages see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i64,
    pub display_name: String,
    /// `member`, `moderator` or `admin`.
    pub role: String,
    /// Conversations with messages they have not read (filled in for the header only).
    #[serde(default)]
    pub unread_conversations: i64,
    /// Notifications they have not read (filled in for the header only).
    #[serde(default)]
    pub unread_notifications: i64,
}

/// Something that happened to one of a member's auctions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    pub id: i64,
    /// `outbid`, `ending_soon`, `won`, `lost` or `auction_ended` (about an auction); `alert` (a
    /// new listing satisfies a saved search) or `match` (a new offer fits an own request).
    pub kind: String,
    /// The page it leads to: the auction's or the listing's.
    pub link: String,
    /// The listing's title.
    pub title: String,
    /// What an alert came from: the saved search's name or the request's title.
    pub detail: Option<String>,
    /// The price it is about (the price now, the winning price), if any.
    pub amount: Option<i64>,
    pub created_at: i64,
    pub unread: bool,
}

/// A member's saved search, as `/account/alerts` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedSearch {
    pub id: i64,
    pub name: String,
    /// Its query string: `/search?` followed by it shows its results.
    pub query: String,
    /// `instant`, `daily` or `weekly`.
    pub frequency: String,
    pub paused: bool,
    pub created_at: i64,
    /// New listings found for it and waiting for the next digest.
    pub waiting: i64,
}

/// `/account/alerts`: the member's saved searches and how they hear of offers fitting their
/// requests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertsPage {
    pub searches: Vec<SavedSearch>,
    /// `instant`, `daily`, `weekly` or `off`.
    pub match_alerts: String,
    /// Open requests of theirs that match alerts are about.
    pub open_requests: i64,
    /// Push notifications on their devices.
    pub push: PushSettings,
}

/// A member's push notifications: the key their browser subscribes with and the devices that did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushSettings {
    /// The server's VAPID public key (base64url): the browser's `applicationServerKey`.
    pub vapid_key: String,
    pub devices: Vec<PushDevice>,
}

/// A device a member turned push notifications on for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushDevice {
    pub id: i64,
    /// Its push service address: the browser knows its own subscription by it.
    pub endpoint: String,
    /// The browser and system it was turned on from ("Chrome · Android").
    pub device: String,
    pub created_at: i64,
    /// When a push last reached its push service.
    pub last_sent_at: Option<i64>,
    /// Whether it was turned on from the browser the member is looking from.
    pub this_browser: bool,
}

/// An introduction between the two sides of a match, as one of its parties sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Introduction {
    pub id: i64,
    /// `requested`, `accepted`, `declined`, `met`, `deal` or `no_deal`.
    pub status: String,
    pub decline_reason: Option<String>,
    pub message: String,
    /// The viewer asked for it (else they were asked).
    pub asked_by_me: bool,
    /// The two's conversation, once connected.
    pub conversation_id: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    /// The request to buy and the offer: title and slug.
    pub request: (String, String),
    pub offer: (String, String),
    pub other_name: String,
    /// The other party's contact details, once connected.
    pub other_email: Option<String>,
    pub other_phone: Option<String>,
    pub deal: Option<DealOutcome>,
}

/// An auction the member sold or won, and what its sale ended in once a party recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuctionDeal {
    pub auction_id: i64,
    pub title: String,
    pub listing_slug: String,
    /// The hammer price.
    pub sold_price: i64,
    pub closed_at: i64,
    /// The member sold it (else they won it).
    pub sold_by_me: bool,
    /// The winner's name to the seller, the seller's to the winner.
    pub other_name: String,
    pub deal: Option<DealOutcome>,
}

/// What an introduction (or a sold auction) ended in, as recorded by one party.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DealOutcome {
    pub id: i64,
    /// `purchase`, `licence`, `transfer` or `joint_venture`.
    pub kind: String,
    pub value: i64,
    /// Days since 1970-01-01.
    pub day: i64,
    pub recorded_by_me: bool,
    /// The other party confirmed it: it counts.
    pub confirmed: bool,
    /// The viewer agreed to be named.
    pub named: bool,
}

/// One line of the public figures: a sector, province or year, its confirmed deals and their
/// value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FigureRow {
    pub key: String,
    pub deals: i64,
    pub value: i64,
}

/// The exchange's supply–demand figures on `/connect`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectFigures {
    /// Introductions accepted.
    pub connections: i64,
    /// Deals confirmed by both parties, and their value in đồng.
    pub deals: i64,
    pub value: i64,
    pub by_sector: Vec<FigureRow>,
    pub by_province: Vec<FigureRow>,
    /// Newest year first.
    pub by_year: Vec<FigureRow>,
}

/// A new listing in an alert digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertListing {
    pub title: String,
    pub slug: String,
    pub kind: String,
    /// Price, or a request's budget (upper end).
    pub price: Option<i64>,
    /// Its thumbnail's media key.
    pub picture: Option<String>,
    /// Why it is here: the saved search's name or the member's request's title.
    pub reason: String,
}

/// The notification centre's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationCentre {
    pub items: Vec<Notification>,
    pub unread: i64,
}

/// Whether a listing offers something or asks for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListingKind {
    /// *Chào bán*: an offer to sell.
    Offer,
    /// *Tìm mua*: a request to buy.
    Request,
}

impl ListingKind {
    /// Code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Self::Offer => "offer",
            Self::Request => "request",
        }
    }
}

/// A listing as shown in a list or a card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ListingCard {
    pub id: i64,
    pub slug: String,
    pub kind: String,
    pub listing_type: String,
    pub title: String,
    pub summary: String,
    pub sector_code: String,
    pub province_code: String,
    /// Asking price (offers) or upper budget (requests); `None` means negotiable.
    pub price_vnd: Option<i64>,
    /// The stall's name, or `None` for an independent seller.
    pub stall_name: Option<String>,
    pub stall_slug: Option<String>,
    pub created_at: i64,
    /// Object key of its first picture's thumbnail, if it has pictures.
    pub cover_thumb: Option<String>,
    /// The name an independent seller or buyer gave (`None` for a stall's listing).
    pub seller_name: Option<String>,
    /// A request's budget range, when it gives one.
    pub budget_min_vnd: Option<i64>,
    pub budget_max_vnd: Option<i64>,
    /// Near-identical listings (same poster, same title) folded into this one by a search.
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    #[serde(default)]
    pub similar: Vec<SimilarListing>,
}

/// A listing that fits another (an offer for a request, a request for an offer), with how well
/// and why (see `domain::matching`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListingMatch {
    pub listing: ListingCard,
    pub score: f64,
    pub reasons: Vec<crate::domain::matching::Reason>,
}

/// A request to buy and the offers that fit it best.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestMatches {
    pub request: ListingCard,
    pub offers: Vec<ListingMatch>,
}

/// A page of `/connect`: fresh requests with their matches, as narrowed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConnectFeed {
    pub requests: Page<RequestMatches>,
    /// The sector and province the feed is narrowed to (empty: any).
    pub sector: String,
    pub province: String,
    /// Connections made and deals confirmed, over the whole exchange.
    pub figures: ConnectFigures,
}

/// A set of words and folk names a search treats as one ("drone = flycam"), as a moderator
/// wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SynonymSet {
    pub id: i64,
    pub phrases: String,
}

/// A listing folded into another search result as "+N similar".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimilarListing {
    pub slug: String,
    pub title: String,
    pub province_code: String,
    pub price_vnd: Option<i64>,
}

/// A stall as shown in the directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct StallCard {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub org_kind: String,
    pub sector_code: String,
    pub province_code: String,
    pub description: String,
    /// Published offers of this stall.
    pub offer_count: i64,
    /// Object key of its logo, if it has one.
    pub logo_key: Option<String>,
}

/// An auction as shown in a list or a card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AuctionCard {
    pub id: i64,
    pub listing_slug: String,
    pub title: String,
    pub current_price_vnd: i64,
    pub bid_count: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    /// `running`, `upcoming` or `ended` when it was read.
    pub phase: String,
    /// What it sold for, once closed with a winner.
    pub sold_price_vnd: Option<i64>,
}

/// One line of an auction's public history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BidLine {
    /// The bidder's masked name ("N***n").
    pub bidder: String,
    pub amount: i64,
    pub at: i64,
    /// Bid by the system for the bidder's maximum.
    pub automatic: bool,
}

/// What everyone watching an auction sees, as of `server_now`: sent with its page and again,
/// whole, on every change to every open bidding page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuctionLive {
    pub id: i64,
    /// Actions applied so far; grows with every accepted bid.
    pub seq: i64,
    /// `pending` (awaiting a moderator), `approved` (bidding between `starts_at` and `ends_at`),
    /// `closed`, or `cancelled`.
    pub status: String,
    pub price: i64,
    /// The smallest maximum a new bidder can state now.
    pub min_next: i64,
    pub step: i64,
    pub bid_count: i64,
    /// The leader's masked name.
    pub leader: Option<String>,
    /// `None` without a reserve; otherwise whether the price has reached it.
    pub reserve_met: Option<bool>,
    /// The buy-now price while it can still be taken.
    pub buy_now: Option<i64>,
    pub starts_at: i64,
    /// The current end, after any soft-close extension.
    pub ends_at: i64,
    /// The end was pushed later by bids in the last minutes.
    pub extended: bool,
    pub soft_close_ms: i64,
    /// Once closed: the winner's masked name and the price (`None`: no sale).
    pub winner: Option<String>,
    pub sold_price: Option<i64>,
    /// The latest history lines, newest first.
    pub history: Vec<BidLine>,
    /// The server's clock when this was read: pages count down by it, not by the phone's clock.
    pub server_now: i64,
}

impl AuctionLive {
    /// Whether bids are taken at `now` (the server's time).
    pub fn is_open_at(&self, now: i64) -> bool {
        self.status == "approved" && now >= self.starts_at && now < self.ends_at
    }
}

/// The viewer's side of an auction's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuctionViewer {
    pub logged_in: bool,
    /// The seller (or a member of the selling stall), who cannot bid.
    pub is_seller: bool,
    pub standing: crate::domain::auction::Standing,
    /// The viewer's highest stated maximum, hidden from everyone else.
    pub my_max: Option<i64>,
    /// Fresh key for the next bid form: the same key submitted twice is applied once.
    pub bid_key: String,
    /// On an auction that requires approval: `pending`, `approved` or `refused` once the viewer
    /// registered.
    pub registration: Option<String>,
    /// Why a moderator refused the viewer's registration.
    pub refusal_reason: Option<String>,
}

/// Everything an auction's bidding page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuctionPage {
    pub live: AuctionLive,
    pub listing_slug: String,
    pub title: String,
    pub summary: String,
    /// The listing's cover picture, if it has one.
    pub image_url: Option<String>,
    /// The stall's name, or the independent seller's.
    pub seller: String,
    pub stall_slug: Option<String>,
    pub starting_price: i64,
    /// Browsers with this page open now.
    pub watchers: i64,
    pub viewer: AuctionViewer,
    /// Only bidders a moderator approved may bid, after lodging `deposit`.
    pub requires_approval: bool,
    pub deposit: Option<i64>,
}

/// One message of an auction's live stream (`/live/auctions/{id}`): the auction whole when it
/// changed, and always the viewer's standing and the watcher count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuctionFrame {
    pub live: Option<AuctionLive>,
    pub standing: crate::domain::auction::Standing,
    pub my_max: Option<i64>,
    pub watchers: i64,
}

/// What a bid that was taken returns to the page that sent it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BidAccepted {
    pub live: AuctionLive,
    pub viewer: AuctionViewer,
}

/// The stall behind a listing, as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct StallContact {
    pub slug: String,
    pub name: String,
    pub org_kind: String,
    pub province_code: String,
    pub phone: String,
    pub email: String,
    pub website: String,
    pub logo_key: Option<String>,
}

/// Everything a listing's own page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListingDetail {
    pub id: i64,
    pub slug: String,
    pub kind: String,
    pub listing_type: String,
    pub title: String,
    pub summary: String,
    /// The description, Markdown rendered to sanitized HTML on the server.
    pub description_html: String,
    pub sector_code: String,
    pub province_code: String,
    /// Asking price (offers) or upper budget (requests); `None` means negotiable.
    pub price_vnd: Option<i64>,
    /// Independent sellers name themselves and a phone on the listing.
    pub seller_name: Option<String>,
    pub seller_phone: Option<String>,
    pub created_at: i64,
    /// Times the page was viewed.
    pub views: i64,
    pub stall: Option<StallContact>,
    /// Requests to buy: the budget range.
    pub budget_min_vnd: Option<i64>,
    pub budget_max_vnd: Option<i64>,
    pub quantity: Option<i64>,
    pub unit: String,
    /// `new`, `used` or empty.
    pub condition: String,
    pub origin_country: String,
    pub manufacturer: String,
    pub warranty: String,
    /// Technology readiness level, 1–9.
    pub trl: Option<i64>,
    pub ip_kind: String,
    pub ip_number: String,
    pub certifications: Vec<String>,
    /// Codes: `sale`, `licence`, `joint_venture`, `consulting`.
    pub transfer_modes: Vec<String>,
    pub seller_email: Option<String>,
    /// When it stops being shown, if set.
    pub expires_at: Option<i64>,
    /// Other listings of the same kind and sector.
    pub related: Vec<ListingCard>,
    /// Its pictures, in order.
    pub images: Vec<ListingImage>,
    /// Its auction, once a moderator approved it (running, upcoming or ended).
    pub auction_id: Option<i64>,
    /// The listings of the other kind that fit it best (offers for a request, buyers for an
    /// offer), with why.
    #[serde(default)]
    pub matches: Vec<ListingMatch>,
    /// A request's pooled demand: members who added "I need this too", and the quantity they
    /// ask for together (beside the request's own).
    #[serde(default)]
    pub pledge_count: i64,
    #[serde(default)]
    pub pledge_total: i64,
}

/// A stall's public profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct StallProfile {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub org_kind: String,
    pub sector_code: String,
    /// Further sectors' codes, comma-separated.
    pub other_sectors: String,
    pub province_code: String,
    pub description: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub website: String,
    pub founded_year: Option<i64>,
    pub contact_person: String,
    /// As stored: "ISO 9001, HACCP".
    pub certifications: String,
    pub logo_key: Option<String>,
    pub cover_key: Option<String>,
}

/// A stall's page: its profile, one page of its offers (as narrowed by the page's filter) and
/// its open requests to buy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StallPageData {
    pub stall: StallProfile,
    /// All its published offers, whatever the filter.
    pub offer_count: i64,
    pub offers: Page<ListingCard>,
    /// The filter's words as searched, to highlight.
    pub terms: Vec<String>,
    pub requests: Vec<ListingCard>,
}

/// Everything the home page shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeOverview {
    pub counters: Counters,
    pub latest_offers: Vec<ListingCard>,
    pub latest_requests: Vec<ListingCard>,
    pub running_auctions: Vec<AuctionCard>,
    pub featured_stalls: Vec<StallCard>,
}

/// One page of results plus what is needed to link to the others.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// 1-based page number.
    pub page: u32,
    pub per_page: u32,
    pub total: i64,
}

impl<T> Page<T> {
    /// Number of pages, at least one.
    pub fn page_count(&self) -> u32 {
        let per_page = i64::from(self.per_page.max(1));
        u32::try_from((self.total + per_page - 1) / per_page)
            .unwrap_or(u32::MAX)
            .max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_count_rounds_up_and_is_never_zero() {
        let page = |total| Page::<()> {
            items: vec![],
            page: 1,
            per_page: 20,
            total,
        };
        assert_eq!(page(0).page_count(), 1);
        assert_eq!(page(20).page_count(), 1);
        assert_eq!(page(21).page_count(), 2);
    }
}

/// A live login of the member, as the device list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    /// Public id, for revoking it.
    pub id: String,
    /// Browser and system, as far as the user agent tells ("Chrome · Android").
    pub device: String,
    pub created_at: i64,
    /// The session of the browser looking at the list.
    pub current: bool,
}

/// `/account`: who the member is and where they are logged in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountOverview {
    pub email: String,
    pub display_name: String,
    pub role: crate::domain::Role,
    pub created_at: i64,
    pub sessions: Vec<SessionInfo>,
    /// Their registrations for events not yet over, soonest first.
    pub tickets: Vec<MyTicket>,
}

/// A member in the administrators' list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: crate::domain::Role,
    pub created_at: i64,
}

/// One entry of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Who did it (`None`: the system, or a deleted account).
    pub actor: Option<String>,
    /// `role_changed`, `sessions_revoked`, …
    pub action: String,
    /// `user:12`, `stall:3`, …
    pub subject: String,
    pub detail: String,
    pub created_at: i64,
}

/// `/admin/users`: one page of members and the latest audit entries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembersAdmin {
    pub members: Page<MemberRow>,
    /// The viewer, who cannot change their own role.
    pub viewer_id: i64,
    pub audit: Vec<AuditEntry>,
}

/// A stall in its member's list, whatever its status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct OwnStall {
    pub id: i64,
    pub slug: String,
    pub name: String,
    /// `pending`, `approved` or `rejected`.
    pub status: String,
    pub rejection_reason: Option<String>,
    pub created_at: i64,
    /// `owner` or `member`.
    pub role: String,
}

/// Someone who acts for a stall, as its team page lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct TeamMember {
    pub user_id: i64,
    pub display_name: String,
    pub email: String,
    /// `owner` or `member`.
    pub role: String,
    /// When they joined.
    pub created_at: i64,
}

/// An invitation not yet answered, as the stall's owner sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct OpenInvitation {
    pub id: i64,
    pub email: String,
    pub invited_by_name: String,
    pub created_at: i64,
    pub expires_at: i64,
}

/// A stall's team page: who acts for it and, for its owner, who has been invited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StallTeam {
    pub stall: OwnStall,
    /// The viewer, to tell "leave" from "remove".
    pub viewer_id: i64,
    pub members: Vec<TeamMember>,
    /// Only the owner sees these (empty for other members).
    pub invitations: Vec<OpenInvitation>,
}

/// An invitation as the one who opened its link sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationView {
    pub stall_name: String,
    pub stall_slug: String,
    /// Whether the stall is public yet (its page can be linked).
    pub stall_public: bool,
    pub invited_by_name: String,
    /// The address it was sent to.
    pub email: String,
    /// `open`, `expired`, `accepted`, `declined` or `cancelled`.
    pub state: String,
    /// The viewer is logged in…
    pub logged_in: bool,
    /// …with the account the invitation is for.
    pub for_viewer: bool,
    /// The viewer already acts for this stall.
    pub already_member: bool,
}

/// What the stall editing form starts from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StallEditor {
    pub id: i64,
    pub slug: String,
    pub status: String,
    pub rejection_reason: Option<String>,
    pub form: crate::domain::StallForm,
    /// Changes to the approved stall wait for review since then: the form holds them.
    pub waiting_since: Option<i64>,
}

/// A stall's logo and cover as its members manage them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StallPictures {
    pub stall: OwnStall,
    pub logo_key: Option<String>,
    pub cover_key: Option<String>,
    /// The pictures shown are a change waiting for review (the public page keeps the approved).
    pub waiting: bool,
}

/// A change to an approved stall waiting for a moderator: each field that changes, as it is
/// and as it would be, and the pictures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingStallEdit {
    pub stall_id: i64,
    pub slug: String,
    pub name: String,
    /// (field label key, now, proposed) for each changed text field.
    pub changes: Vec<(String, String, String)>,
    pub logo: Option<PictureChange>,
    pub cover: Option<PictureChange>,
    pub submitted_by: String,
    pub submitted_at: i64,
    /// What the moderator saw, for the decision to name (see `fingerprint`).
    pub fingerprint: String,
}

/// A picture as it is and as it would be (`None`: none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PictureChange {
    pub now: Option<String>,
    pub proposed: Option<String>,
}

/// A stall waiting for a moderator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingStall {
    pub id: i64,
    pub name: String,
    pub org_kind: String,
    pub sector_code: String,
    pub province_code: String,
    pub description: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub website: String,
    pub contact_person: String,
    pub founded_year: Option<i64>,
    pub certifications: Vec<String>,
    pub created_at: i64,
    pub submitted_by: String,
    pub submitted_email: String,
    /// `/media/…` of the logo and the cover, if any.
    pub logo: Option<String>,
    pub cover: Option<String>,
    /// What the moderator saw, for the decision to name.
    pub fingerprint: String,
}

/// `/moderation`: what waits for review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerationQueue {
    pub stalls: Vec<PendingStall>,
    pub pending_stalls: i64,
    pub stall_edits: Vec<PendingStallEdit>,
    pub pending_stall_edits: i64,
    pub listings: Vec<PendingListing>,
    pub pending_listings: i64,
    pub auctions: Vec<PendingAuction>,
    pub pending_auctions: i64,
    pub bidders: Vec<PendingBidder>,
    pub pending_bidders: i64,
    pub projects: Vec<PendingProject>,
    pub pending_projects: i64,
    pub investors: Vec<PendingInvestor>,
    pub pending_investors: i64,
}

/// An auction waiting for a moderator, with every rule its seller set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingAuction {
    pub id: i64,
    pub listing_slug: String,
    pub title: String,
    pub seller: String,
    pub starting_price: i64,
    pub step: i64,
    pub reserve: Option<i64>,
    pub buy_now: Option<i64>,
    pub starts_at: i64,
    pub ends_at: i64,
    pub soft_close_ms: i64,
    pub requires_approval: bool,
    pub deposit: Option<i64>,
    pub submitted_at: i64,
    /// What the moderator saw, for the decision to name (see `api::decision::fingerprint`).
    pub fingerprint: String,
}

/// A member waiting for a moderator to confirm their deposit on an auction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingBidder {
    pub auction_id: i64,
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub phone: String,
    /// The bank transfer's reference the member gave.
    pub deposit_ref: String,
    pub registered_at: i64,
    pub auction_title: String,
    pub deposit: i64,
    /// What the moderator saw, for the decision to name.
    pub fingerprint: String,
}

/// The form putting one of the member's published offers up for auction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuctionEditor {
    pub listing_id: i64,
    pub listing_slug: String,
    pub title: String,
    /// Only a published offer can be put up for auction.
    pub listing_status: String,
    /// The offer's asking price, to suggest a starting price.
    pub price_vnd: Option<i64>,
    /// The listing's auction when it has one that is not refused: id and status.
    pub existing: Option<(i64, String)>,
    /// The form's starting values (a refused auction's rules, or suggestions).
    pub form: crate::domain::auction_setup::AuctionForm,
    /// Why a moderator refused the previous submission, if they did.
    pub rejection_reason: Option<String>,
    /// The server's clock, for the form's checks in the browser.
    pub server_now: i64,
}

/// What the listing form starts from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingEditor {
    /// 0 for a new listing.
    pub id: i64,
    pub slug: String,
    /// Empty for a new listing.
    pub status: String,
    pub rejection_reason: Option<String>,
    /// Approved stalls the member may post for: (id, name).
    pub stalls: Vec<(i64, String)>,
    pub form: crate::domain::ListingForm,
    /// The incomplete draft this form continues (0: none).
    pub draft_id: i64,
    /// What an incomplete draft still lacks before it can be sent for review.
    pub draft_problems: Vec<crate::error::FieldError>,
}

/// A listing in its poster's list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OwnListing {
    pub id: i64,
    pub slug: String,
    pub kind: String,
    pub title: String,
    /// `draft`, `pending`, `published`, `rejected`, `closed` or `expired`.
    pub status: String,
    pub rejection_reason: Option<String>,
    pub close_reason: Option<String>,
    pub expires_at: Option<i64>,
    pub created_at: i64,
    pub stall_name: Option<String>,
    /// The listing's auction: its id and status (`pending`, `approved`, `closed`, `cancelled`).
    pub auction: Option<(i64, String)>,
    /// While published: the listings of the other kind that fit it best (those the member hid
    /// left out).
    #[serde(default)]
    pub matches: Vec<ListingMatch>,
}

/// A member's listings and the new ones they saved before completing them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OwnListings {
    pub drafts: Vec<IncompleteDraft>,
    pub listings: Vec<OwnListing>,
}

/// A new listing saved before every field was valid; only its author sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncompleteDraft {
    pub id: i64,
    pub title: String,
    /// `offer` or `request`, as chosen so far (may be empty).
    pub kind: String,
    pub updated_at: i64,
    /// Fields still missing or invalid.
    pub problems: usize,
}

/// A listing waiting for a moderator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingListing {
    pub id: i64,
    pub kind: String,
    pub listing_type: String,
    pub title: String,
    pub summary: String,
    /// Sanitised HTML of the Markdown description.
    pub description_html: String,
    pub sector_code: String,
    pub province_code: String,
    pub price_vnd: Option<i64>,
    pub seller: String,
    pub submitted_at: i64,
    /// `/media/…` of each picture's thumbnail, in order.
    pub pictures: Vec<String>,
    /// What the moderator saw, for the decision to name.
    pub fingerprint: String,
}

/// One page of listings found by `/search`, `/offers` or `/requests`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrowseResult {
    pub listings: Page<ListingCard>,
    /// The folded words searched for, to highlight in the results.
    pub terms: Vec<String>,
    /// The order used (`relevance` only when words were given).
    pub sort: String,
    /// Filters that did not parse and were left out.
    pub errors: Vec<crate::error::FieldError>,
    /// Words typed that no listing held together with the rest, left out of the search.
    #[serde(default)]
    pub left_out: Vec<String>,
    /// Words read as a known word one typo away: (as typed, as read).
    #[serde(default)]
    pub corrections: Vec<(String, String)>,
    /// Synonyms and folk names also looked for.
    #[serde(default)]
    pub widened: Vec<String>,
    /// When nothing was found: known words spelt close to those typed, and the sectors where
    /// listings hold some of the words.
    #[serde(default)]
    pub spellings: Vec<String>,
    #[serde(default)]
    pub related_sectors: Vec<String>,
}

/// Which side of a conversation a member is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConversationSide {
    /// The member who wrote about the listing.
    Inquirer,
    /// The listing's poster or a member of its stall.
    Listing,
}

/// A conversation in a member's inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxEntry {
    pub id: i64,
    pub listing_slug: String,
    pub listing_title: String,
    pub listing_kind: String,
    pub side: ConversationSide,
    /// The other side's name: the stall or seller for the inquirer, the inquirer otherwise.
    pub other_party: String,
    pub last_message_at: i64,
    /// The start of the newest message.
    pub excerpt: String,
    pub unread: i64,
}

/// One message of a conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatMessage {
    pub id: i64,
    pub author_name: String,
    /// Written by the member looking at it.
    pub mine: bool,
    /// Which side its author wrote for.
    pub side: ConversationSide,
    pub body: String,
    pub created_at: i64,
}

/// A conversation with its messages, as one participant sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conversation {
    pub id: i64,
    pub listing_slug: String,
    pub listing_title: String,
    pub listing_kind: String,
    /// The listing's status: replies stay possible after it closes, new inquiries do not.
    pub listing_status: String,
    pub side: ConversationSide,
    pub inquirer_name: String,
    /// The stall's or the independent seller's name.
    pub seller_name: String,
    pub messages: Vec<ChatMessage>,
    /// The newest message the member had read when the page was read (0: none).
    pub last_read_id: i64,
}

/// What a listing's page offers the member looking at it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingViewer {
    pub logged_in: bool,
    /// They posted it or act for its stall: no "contact" nor "save" for them.
    pub own: bool,
    pub watched: bool,
    /// Their conversation about it, if they already wrote.
    pub conversation_id: Option<i64>,
    /// Someone can answer here (its poster has an account or its stall has members); otherwise
    /// the page offers only the phone and e-mail it shows. Visitors are not told before logging in.
    pub reachable: bool,
    /// The matches they hid from this listing's list.
    #[serde(default)]
    pub hidden_matches: Vec<i64>,
    /// The quantity they added to this request ("I need this too"), if they did.
    #[serde(default)]
    pub pledged: Option<i64>,
}

/// A listing on a member's watchlist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WatchedListing {
    pub id: i64,
    pub slug: String,
    pub kind: String,
    pub listing_type: String,
    pub title: String,
    pub summary: String,
    /// Only `published` ones can be opened; the others show what became of them.
    pub status: String,
    pub price_vnd: Option<i64>,
    pub province_code: String,
    pub stall_name: Option<String>,
    pub saved_at: i64,
}

/// A listing's picture: where its display copy and thumbnail are served.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingImage {
    pub id: i64,
    /// `/media/…` of the display copy.
    pub url: String,
    /// `/media/…` of the thumbnail.
    pub thumb_url: String,
    pub width: i64,
    pub height: i64,
}

impl ListingImage {
    /// `srcset` over the thumbnail and the display copy, which share a shape: the thumbnail's
    /// longest side is at most 480 px.
    pub fn srcset(&self) -> String {
        let longest = self.width.max(self.height).max(1);
        let thumb_width = if longest > 480 {
            self.width * 480 / longest
        } else {
            self.width
        };
        format!(
            "{} {thumb_width}w, {} {}w",
            self.thumb_url, self.url, self.width
        )
    }

    /// The address a stored object is served at.
    pub fn media_url(key: &str) -> String {
        format!("/media/{key}")
    }
}

/// A listing's pictures as its poster manages them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingImages {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub status: String,
    pub images: Vec<ListingImage>,
}
