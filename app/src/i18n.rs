//! Translations: Vietnamese first, English second.
//!
//! Every message is a field of [`Messages`], so a key missing from either language is a compile
//! error rather than a blank on the page. The chosen language lives in the `lang` cookie; the server
//! renders the page in it. Islands take their locale as a prop and read the few tables of their
//! own ([`Locale::bidding`]), so the browser's code holds no other text.

mod en;
mod vi;

#[cfg(feature = "ssr")]
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use messages::{Bidding, Messages};

/// Languages the site is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Locale {
    /// Vietnamese, the default.
    #[default]
    Vi,
    /// English.
    En,
}

/// Name of the cookie that remembers the language.
pub const LANG_COOKIE: &str = "lang";

impl Locale {
    /// Every supported locale, default first.
    pub const ALL: [Locale; 2] = [Locale::Vi, Locale::En];

    /// BCP 47 code, as used in `<html lang>` and the cookie.
    pub fn code(self) -> &'static str {
        match self {
            Locale::Vi => "vi",
            Locale::En => "en",
        }
    }

    /// The code as shown on the language switch ("VI", "EN").
    pub fn short_label(self) -> &'static str {
        match self {
            Locale::Vi => "VI",
            Locale::En => "EN",
        }
    }

    /// Parses a language code; anything unknown is `None`.
    pub fn from_code(code: &str) -> Option<Self> {
        match code.trim() {
            "vi" => Some(Locale::Vi),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// Reads the locale from a `Cookie` header value; the default when absent or unknown.
    pub fn from_cookie_header(header: &str) -> Self {
        header
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == LANG_COOKIE)
            .and_then(|(_, value)| Self::from_code(value))
            .unwrap_or_default()
    }

    /// All UI text in this language.
    pub fn messages(self) -> &'static Messages {
        match self {
            Locale::Vi => &vi::MESSAGES,
            Locale::En => &en::MESSAGES,
        }
    }

    /// The live bidding page's text, read without the rest of [`Messages`] (the browser's code
    /// for the bidding island then holds this table alone).
    pub fn bidding(self) -> &'static Bidding {
        match self {
            Locale::Vi => &vi::BIDDING,
            Locale::En => &en::BIDDING,
        }
    }

    /// A price in this language's digit grouping: "12.500.000 ₫" or "12,500,000 ₫".
    pub fn format_vnd(self, amount: i64) -> String {
        format!("{} ₫", self.format_count(amount))
    }

    /// Formats a whole number with this language's digit grouping.
    pub fn format_count(self, n: i64) -> String {
        let grouped = crate::domain::money_grouping(n);
        match self {
            Locale::Vi => grouped,
            Locale::En => grouped.replace('.', ","),
        }
    }
}

/// The language of the request being served: its `lang` cookie, Vietnamese by default.
#[cfg(feature = "ssr")]
pub fn request_locale() -> Locale {
    use_context::<http::request::Parts>()
        .and_then(|parts| {
            parts
                .headers
                .get(http::header::COOKIE)
                .and_then(|v| v.to_str().ok())
                .map(Locale::from_cookie_header)
        })
        .unwrap_or_default()
}

/// The language a page is rendered in, shared by every component of it (pages render on the
/// server only; islands are given their locale as a prop).
#[cfg(feature = "ssr")]
#[derive(Clone, Copy)]
pub struct I18n {
    locale: Locale,
}

#[cfg(feature = "ssr")]
impl I18n {
    /// The locale this request is rendered in.
    pub fn locale(self) -> Locale {
        self.locale
    }

    /// The messages in that locale.
    pub fn t(self) -> &'static Messages {
        self.locale.messages()
    }
}

/// Puts the language in context for the page being rendered.
#[cfg(feature = "ssr")]
pub fn provide_i18n(locale: Locale) -> I18n {
    let i18n = I18n { locale };
    provide_context(i18n);
    i18n
}

/// The page's language.
#[cfg(feature = "ssr")]
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// Picks one message out of the table: `|t| t.nav_home`.
pub type MessageFn = fn(&Messages) -> &'static str;

/// One message in the page's language: `{tr(|t| t.nav_home)}`.
#[cfg(feature = "ssr")]
pub fn tr(message: MessageFn) -> &'static str {
    message(use_i18n().t())
}

mod messages {
    /// Every piece of UI text. Fields are grouped by where they appear.
    #[derive(Debug)]
    pub struct Messages {
        pub site_name: &'static str,
        pub site_tagline: &'static str,
        pub site_description: &'static str,
        pub skip_to_content: &'static str,
        // navigation
        pub nav_label: &'static str,
        pub nav_home: &'static str,
        pub nav_stalls: &'static str,
        pub nav_offers: &'static str,
        pub nav_requests: &'static str,
        pub nav_auctions: &'static str,
        pub menu: &'static str,
        pub search_placeholder: &'static str,
        pub search_button: &'static str,
        pub language_label: &'static str,
        pub switch_to_other_language: &'static str,
        pub login: &'static str,
        pub register: &'static str,
        // home
        pub home_title: &'static str,
        pub hero_title: &'static str,
        pub hero_lead: &'static str,
        pub hero_cta_offers: &'static str,
        pub hero_cta_requests: &'static str,
        pub counters_label: &'static str,
        pub counter_stalls: &'static str,
        pub counter_offers: &'static str,
        /// After a number on a stall card: "12 sản phẩm chào bán".
        pub offers_count_suffix: &'static str,
        pub counter_requests: &'static str,
        pub counter_auctions: &'static str,
        pub counter_visits: &'static str,
        pub latest_offers: &'static str,
        pub latest_requests: &'static str,
        pub running_auctions: &'static str,
        pub featured_stalls: &'static str,
        pub see_all: &'static str,
        pub nothing_yet: &'static str,
        pub price_negotiable: &'static str,
        pub bids: &'static str,
        pub independent_seller: &'static str,
        pub card_buyer: &'static str,
        pub card_stall: &'static str,
        pub card_similar: &'static str,
        pub pooled_title: &'static str,
        pub pooled_lead: &'static str,
        pub pooled_joined: &'static str,
        pub pooled_total: &'static str,
        pub pooled_quantity: &'static str,
        pub pooled_join: &'static str,
        pub pooled_yours: &'static str,
        pub pooled_leave: &'static str,
        pub pooled_login: &'static str,
        pub field_own_request: &'static str,
        pub field_already_joined: &'static str,
        pub synonyms_title: &'static str,
        pub synonyms_lead: &'static str,
        pub synonyms_new: &'static str,
        pub synonyms_hint: &'static str,
        pub synonyms_set: &'static str,
        pub synonyms_save: &'static str,
        pub synonyms_delete: &'static str,
        pub synonyms_add: &'static str,
        pub field_synonyms_too_few: &'static str,
        pub match_same_sector: &'static str,
        pub match_same_type: &'static str,
        pub match_words: &'static str,
        pub match_within_budget: &'static str,
        pub match_over_budget: &'static str,
        pub match_trl_ok: &'static str,
        pub match_trl_below: &'static str,
        pub match_transfer: &'static str,
        pub match_same_province: &'static str,
        pub match_near: &'static str,
        pub match_certificate: &'static str,
        pub match_reasons: &'static str,
        pub match_score: &'static str,
        pub match_hide: &'static str,
        pub match_hide_why: &'static str,
        pub match_hide_submit: &'static str,
        pub hide_not_relevant: &'static str,
        pub hide_too_far: &'static str,
        pub hide_price: &'static str,
        pub hide_already_known: &'static str,
        pub matches_for_request: &'static str,
        pub matches_for_offer: &'static str,
        pub matches_intro: &'static str,
        pub matches_none: &'static str,
        pub nav_connect: &'static str,
        pub connect_intro: &'static str,
        pub connect_request_label: &'static str,
        pub connect_offers_label: &'static str,
        pub connect_filter: &'static str,
        pub search_showing_for: &'static str,
        pub search_instead_of: &'static str,
        pub search_left_out: &'static str,
        pub search_also_for: &'static str,
        pub search_nothing_found: &'static str,
        pub search_did_you_mean: &'static str,
        pub search_try_sectors: &'static str,
        pub search_post_request_lead: &'static str,
        pub search_post_request: &'static str,
        pub loading: &'static str,
        pub load_failed: &'static str,
        // sections
        pub stalls_intro: &'static str,
        pub offers_intro: &'static str,
        pub requests_intro: &'static str,
        pub auctions_intro: &'static str,
        pub search_title: &'static str,
        pub search_results_for: &'static str,
        pub search_empty_query: &'static str,
        pub page: &'static str,
        pub previous: &'static str,
        pub next: &'static str,
        pub listing_type_technology: &'static str,
        pub listing_type_equipment: &'static str,
        pub listing_type_product: &'static str,
        pub listing_type_service: &'static str,
        // errors and fallbacks
        pub not_found_title: &'static str,
        pub not_found_body: &'static str,
        pub back_home: &'static str,
        pub offline_title: &'static str,
        pub offline_body: &'static str,
        pub error_bad_request: &'static str,
        pub error_invalid: &'static str,
        pub error_not_found: &'static str,
        pub error_forbidden: &'static str,
        pub error_internal: &'static str,
        // listing and stall pages
        pub breadcrumb: &'static str,
        pub kind_offer: &'static str,
        pub kind_request: &'static str,
        pub price_asking: &'static str,
        pub price_budget: &'static str,
        pub fact_type: &'static str,
        pub fact_sector: &'static str,
        pub fact_province: &'static str,
        pub fact_posted: &'static str,
        pub fact_views: &'static str,
        pub fact_code: &'static str,
        pub listing_description: &'static str,
        pub related_listings: &'static str,
        pub seller: &'static str,
        pub call: &'static str,
        pub visit_stall: &'static str,
        pub contact: &'static str,
        pub contact_address: &'static str,
        pub contact_phone: &'static str,
        pub contact_website: &'static str,
        pub founded: &'static str,
        pub stall_about: &'static str,
        pub stall_offers: &'static str,
        pub stall_requests: &'static str,
        pub org_company: &'static str,
        pub org_institute: &'static str,
        pub org_university: &'static str,
        pub org_cooperative: &'static str,
        // accounts and forms
        pub logout: &'static str,
        pub login_title: &'static str,
        pub login_lead: &'static str,
        pub login_submit: &'static str,
        pub no_account: &'static str,
        pub register_title: &'static str,
        pub register_lead: &'static str,
        pub register_submit: &'static str,
        pub have_account: &'static str,
        pub field_email: &'static str,
        pub field_display_name: &'static str,
        pub field_display_name_hint: &'static str,
        pub field_password: &'static str,
        pub field_password_hint: &'static str,
        pub field_required: &'static str,
        pub field_too_short: &'static str,
        pub field_too_long: &'static str,
        pub field_invalid_email: &'static str,
        pub field_invalid_characters: &'static str,
        pub field_email_taken: &'static str,
        pub field_wrong_credentials: &'static str,
        pub field_too_many_attempts: &'static str,
        pub field_too_many_searches: &'static str,
        pub field_too_many_uploads: &'static str,
        pub field_own_item: &'static str,
        pub field_email_unconfirmed: &'static str,
        pub field_confirm_link_invalid: &'static str,
        pub register_sent_title: &'static str,
        pub register_sent_body: &'static str,
        pub confirm_title: &'static str,
        pub confirm_lead: &'static str,
        pub confirm_submit: &'static str,
        pub field_changed_since_seen: &'static str,
        pub done_stall_edit_submitted: &'static str,
        pub done_stall_edit_approved: &'static str,
        pub done_stall_edit_rejected: &'static str,
        pub stall_edit_waiting_note: &'static str,
        pub stall_edit_review_note: &'static str,
        pub moderation_stall_edits: &'static str,
        pub pending_stall_edits_suffix: &'static str,
        pub stall_edit_now: &'static str,
        pub stall_edit_proposed: &'static str,
        pub stall_edit_none: &'static str,
        pub stall_logo: &'static str,
        pub stall_cover: &'static str,
        // accounts, sessions, administration
        pub error_unauthorized: &'static str,
        pub forgot_password_link: &'static str,
        pub forgot_title: &'static str,
        pub forgot_lead: &'static str,
        pub forgot_submit: &'static str,
        pub forgot_sent_title: &'static str,
        pub forgot_sent_body: &'static str,
        pub back_to_login: &'static str,
        pub reset_title: &'static str,
        pub reset_lead: &'static str,
        pub reset_submit: &'static str,
        pub reset_link_invalid: &'static str,
        pub reset_request_new: &'static str,
        pub account_title: &'static str,
        pub account_email: &'static str,
        pub account_role: &'static str,
        pub account_member_since: &'static str,
        pub role_member: &'static str,
        pub role_moderator: &'static str,
        pub role_admin: &'static str,
        pub change_password_title: &'static str,
        pub change_password_lead: &'static str,
        pub field_current_password: &'static str,
        pub field_new_password: &'static str,
        pub change_password_submit: &'static str,
        pub field_wrong_password: &'static str,
        pub field_same_password: &'static str,
        pub field_invalid_role: &'static str,
        pub field_own_role: &'static str,
        pub done_password_changed: &'static str,
        pub done_password_reset: &'static str,
        pub done_session_revoked: &'static str,
        pub done_sessions_revoked: &'static str,
        pub sessions_title: &'static str,
        pub sessions_lead: &'static str,
        pub session_this_device: &'static str,
        pub session_since: &'static str,
        pub session_revoke: &'static str,
        pub sessions_revoke_others: &'static str,
        pub unknown_device: &'static str,
        pub login_required_title: &'static str,
        pub nav_account: &'static str,
        pub nav_admin: &'static str,
        pub admin_users_title: &'static str,
        pub admin_users_lead: &'static str,
        pub admin_search_label: &'static str,
        pub admin_search_submit: &'static str,
        pub col_member: &'static str,
        pub col_role: &'static str,
        pub col_joined: &'static str,
        pub set_role_submit: &'static str,
        pub revoke_sessions_submit: &'static str,
        pub you_label: &'static str,
        pub audit_title: &'static str,
        pub audit_role_changed: &'static str,
        pub audit_sessions_revoked: &'static str,
        pub audit_system: &'static str,
        pub members_total_suffix: &'static str,
        // stalls and moderation
        pub choose: &'static str,
        pub field_invalid_choice: &'static str,
        pub field_invalid_phone: &'static str,
        pub field_invalid_url: &'static str,
        pub field_invalid_year: &'static str,
        pub field_invalid_certification: &'static str,
        pub field_too_many: &'static str,
        pub field_already_reviewed: &'static str,
        pub stall_field_name: &'static str,
        pub stall_field_org_kind: &'static str,
        pub stall_field_sector: &'static str,
        pub stall_field_other_sectors: &'static str,
        pub stall_field_province: &'static str,
        pub stall_field_description: &'static str,
        pub stall_field_description_hint: &'static str,
        pub stall_field_address: &'static str,
        pub stall_field_phone: &'static str,
        pub stall_field_email: &'static str,
        pub stall_field_website: &'static str,
        pub stall_field_website_hint: &'static str,
        pub stall_field_contact_person: &'static str,
        pub stall_field_founded_year: &'static str,
        pub stall_field_certifications: &'static str,
        pub stall_field_certifications_hint: &'static str,
        pub own_stalls_title: &'static str,
        pub own_stalls_lead: &'static str,
        pub open_stall: &'static str,
        pub own_stalls_empty: &'static str,
        pub status_pending: &'static str,
        pub status_approved: &'static str,
        pub status_rejected: &'static str,
        pub rejection_reason_label: &'static str,
        pub edit: &'static str,
        pub view_public: &'static str,
        pub done_stall_submitted: &'static str,
        pub done_stall_saved: &'static str,
        pub role_owner: &'static str,
        pub role_stall_member: &'static str,
        pub new_stall_title: &'static str,
        pub new_stall_lead: &'static str,
        pub edit_stall_title: &'static str,
        pub stall_submit_new: &'static str,
        pub stall_submit_save: &'static str,
        pub stall_pending_note: &'static str,
        pub stall_rejected_note: &'static str,
        pub moderation_title: &'static str,
        pub moderation_lead: &'static str,
        pub moderation_empty: &'static str,
        pub pending_stalls_suffix: &'static str,
        pub submitted_by: &'static str,
        pub approve: &'static str,
        pub reject: &'static str,
        pub reject_reason_label: &'static str,
        pub reject_reason_hint: &'static str,
        pub done_stall_approved: &'static str,
        pub done_stall_rejected: &'static str,
        pub nav_moderation: &'static str,
        pub nav_my_stalls: &'static str,
        pub stall_contact_person: &'static str,
        pub stall_certifications: &'static str,
        pub audit_stall_submitted: &'static str,
        pub audit_stall_resubmitted: &'static str,
        pub audit_stall_edited: &'static str,
        pub audit_stall_approved: &'static str,
        pub audit_stall_rejected: &'static str,
        pub audit_stall_member_invited: &'static str,
        pub audit_stall_invitation_cancelled: &'static str,
        pub audit_stall_invitation_accepted: &'static str,
        pub audit_stall_invitation_declined: &'static str,
        pub audit_stall_member_removed: &'static str,
        pub audit_stall_member_left: &'static str,
        pub cancel: &'static str,
        // listings: posting, lifecycle, details
        pub specs_title: &'static str,
        pub spec_quantity: &'static str,
        pub spec_condition: &'static str,
        pub condition_new: &'static str,
        pub condition_used: &'static str,
        pub spec_origin: &'static str,
        pub spec_manufacturer: &'static str,
        pub spec_warranty: &'static str,
        pub spec_trl: &'static str,
        pub spec_ip: &'static str,
        pub ip_none: &'static str,
        pub ip_patent: &'static str,
        pub ip_utility_solution: &'static str,
        pub ip_industrial_design: &'static str,
        pub ip_trade_secret: &'static str,
        pub spec_certifications: &'static str,
        pub spec_transfer: &'static str,
        pub transfer_sale: &'static str,
        pub transfer_licence: &'static str,
        pub transfer_joint_venture: &'static str,
        pub transfer_consulting: &'static str,
        pub spec_budget: &'static str,
        pub spec_expires: &'static str,
        pub budget_from: &'static str,
        pub budget_to: &'static str,
        pub post_listing: &'static str,
        pub own_listings_title: &'static str,
        pub own_listings_lead: &'static str,
        pub own_listings_empty: &'static str,
        pub status_draft: &'static str,
        pub status_published: &'static str,
        pub status_closed: &'static str,
        pub status_expired: &'static str,
        pub closed_sold: &'static str,
        pub closed_withdrawn: &'static str,
        pub action_submit: &'static str,
        pub action_renew: &'static str,
        pub action_close_sold: &'static str,
        pub action_close_withdrawn: &'static str,
        pub done_listing_submitted: &'static str,
        pub done_listing_drafted: &'static str,
        pub done_draft_kept: &'static str,
        pub done_draft_deleted: &'static str,
        pub incomplete_drafts_title: &'static str,
        pub draft_incomplete_badge: &'static str,
        pub draft_problems_label: &'static str,
        pub draft_saved_label: &'static str,
        pub continue_draft: &'static str,
        pub delete_draft: &'static str,
        pub draft_incomplete_note: &'static str,
        pub done_listing_renewed: &'static str,
        pub done_listing_closed: &'static str,
        pub new_listing_title: &'static str,
        pub new_listing_lead: &'static str,
        pub edit_listing_title: &'static str,
        pub listing_published_note: &'static str,
        pub listing_rejected_note: &'static str,
        pub save_draft: &'static str,
        pub send_for_review: &'static str,
        pub section_basics: &'static str,
        pub section_price: &'static str,
        pub section_details: &'static str,
        pub section_technology: &'static str,
        pub section_seller: &'static str,
        pub field_kind: &'static str,
        pub field_listing_type: &'static str,
        pub field_stall: &'static str,
        pub independent_option: &'static str,
        pub field_title: &'static str,
        pub field_summary: &'static str,
        pub field_summary_hint: &'static str,
        pub field_description: &'static str,
        pub field_description_hint: &'static str,
        pub field_sector: &'static str,
        pub field_province: &'static str,
        pub field_price: &'static str,
        pub field_price_hint: &'static str,
        pub field_negotiable: &'static str,
        pub field_budget_min: &'static str,
        pub field_budget_max: &'static str,
        pub field_budget_hint: &'static str,
        pub field_quantity: &'static str,
        pub field_unit: &'static str,
        pub field_condition: &'static str,
        pub field_origin: &'static str,
        pub field_manufacturer: &'static str,
        pub field_warranty: &'static str,
        pub field_trl: &'static str,
        pub field_ip_kind: &'static str,
        pub field_ip_number: &'static str,
        pub field_certifications: &'static str,
        pub field_transfer: &'static str,
        pub field_expires_on: &'static str,
        pub field_expires_on_hint: &'static str,
        pub field_seller_name: &'static str,
        pub field_seller_phone: &'static str,
        pub field_seller_email: &'static str,
        pub field_seller_hint: &'static str,
        pub not_said: &'static str,
        pub field_price_or_negotiable: &'static str,
        pub field_budget_order: &'static str,
        pub field_invalid_quantity: &'static str,
        pub field_invalid_trl: &'static str,
        pub field_invalid_date: &'static str,
        pub field_date_in_past: &'static str,
        pub field_date_too_far: &'static str,
        pub field_not_a_number: &'static str,
        pub field_too_large: &'static str,
        pub field_listing_closed: &'static str,
        pub field_listing_under_auction: &'static str,
        pub field_not_allowed_now: &'static str,
        pub pending_listings_suffix: &'static str,
        pub moderation_listings: &'static str,
        pub moderation_stalls: &'static str,
        pub done_listing_approved: &'static str,
        pub done_listing_rejected: &'static str,
        pub nav_my_listings: &'static str,
        pub audit_listing: &'static str,
        pub audit_listing_submitted: &'static str,
        pub audit_listing_drafted: &'static str,
        pub audit_listing_approved: &'static str,
        pub audit_listing_rejected: &'static str,
        pub audit_listing_submit: &'static str,
        pub audit_listing_renew: &'static str,
        pub audit_listing_close_sold: &'static str,
        pub audit_listing_close_withdrawn: &'static str,
        // finding listings
        pub filters_title: &'static str,
        pub filter_any: &'static str,
        pub filter_q: &'static str,
        pub filter_price_min: &'static str,
        pub filter_price_max: &'static str,
        pub filter_trl_min: &'static str,
        pub filter_seller: &'static str,
        pub seller_stall: &'static str,
        pub seller_independent: &'static str,
        pub filter_sort: &'static str,
        pub sort_relevance: &'static str,
        pub sort_newest: &'static str,
        pub sort_price_asc: &'static str,
        pub sort_price_desc: &'static str,
        pub filter_submit: &'static str,
        pub filter_reset: &'static str,
        pub results_count_suffix: &'static str,
        pub search_suggestions: &'static str,
        pub search_intro: &'static str,
        pub results_count_more: &'static str,
        pub stalls_search_placeholder: &'static str,
        pub stall_sort_offers: &'static str,
        pub stall_sort_name: &'static str,
        pub stalls_count_suffix: &'static str,
        pub stall_search_placeholder: &'static str,
        pub team_link: &'static str,
        pub team_title: &'static str,
        pub team_lead: &'static str,
        pub team_joined: &'static str,
        pub team_remove: &'static str,
        pub team_leave: &'static str,
        pub team_invite_title: &'static str,
        pub team_invite_help: &'static str,
        pub team_invite_email: &'static str,
        pub team_invite_submit: &'static str,
        pub team_invitations_title: &'static str,
        pub team_invited_by: &'static str,
        pub team_expires: &'static str,
        pub team_cancel_invitation: &'static str,
        pub team_owner_manages: &'static str,
        pub done_invited: &'static str,
        pub done_invitation_cancelled: &'static str,
        pub done_member_removed: &'static str,
        pub done_joined: &'static str,
        pub done_left: &'static str,
        pub done_declined: &'static str,
        pub invitation_title: &'static str,
        pub invitation_invites: &'static str,
        pub invitation_explain: &'static str,
        pub invitation_sent_to: &'static str,
        pub invitation_accept: &'static str,
        pub invitation_decline: &'static str,
        pub invitation_log_in: &'static str,
        pub invitation_wrong_account: &'static str,
        pub invitation_expired: &'static str,
        pub invitation_answered: &'static str,
        pub invitation_cancelled: &'static str,
        pub invitation_already_member: &'static str,
        pub invitation_not_found: &'static str,
        pub field_already_member: &'static str,
        pub field_too_many_invitations: &'static str,
        pub field_too_many_invitation_mails: &'static str,
        pub field_too_many_drafts: &'static str,
        pub field_too_many_sectors: &'static str,
        pub pictures_link: &'static str,
        pub pictures_title: &'static str,
        pub pictures_lead: &'static str,
        pub logo_title: &'static str,
        pub logo_hint: &'static str,
        pub cover_title: &'static str,
        pub cover_hint: &'static str,
        pub picture_none: &'static str,
        pub picture_choose: &'static str,
        pub picture_upload: &'static str,
        pub picture_remove: &'static str,
        pub done_picture_saved: &'static str,
        pub done_picture_removed: &'static str,
        pub field_one_picture: &'static str,
        pub images_cover_badge: &'static str,
        pub images_make_cover: &'static str,
        pub images_earlier: &'static str,
        pub images_later: &'static str,
        pub images_earlier_label: &'static str,
        pub images_later_label: &'static str,
        pub done_image_moved: &'static str,
        pub audit_stall_picture_changed: &'static str,
        pub audit_stall_picture_removed: &'static str,
        // footer
        pub footer_about: &'static str,
        pub footer_contact: &'static str,
        pub footer_address: &'static str,
        pub footer_rights: &'static str,
        // pictures
        pub images_title: &'static str,
        pub images_empty: &'static str,
        pub images_add: &'static str,
        pub images_hint: &'static str,
        pub images_full: &'static str,
        /// Beside an upload's progress bar, before the percentage.
        pub upload_sending: &'static str,
        pub upload_failed: &'static str,
        pub images_upload: &'static str,
        pub images_remove: &'static str,
        pub images_review_note: &'static str,
        pub field_images: &'static str,
        pub done_images_uploaded: &'static str,
        pub done_images_uploaded_review: &'static str,
        pub done_image_removed: &'static str,
        pub field_not_an_image: &'static str,
        pub field_image_too_large: &'static str,
        pub field_image_unreadable: &'static str,
        pub field_too_many_images: &'static str,
        pub audit_listing_images_added: &'static str,
        pub audit_listing_image_removed: &'static str,
        pub gallery_label: &'static str,
        pub filter_has_images: &'static str,
        // inquiries and watchlist
        pub contact_unreachable: &'static str,
        pub inbox_title: &'static str,
        pub inbox_lead: &'static str,
        pub inbox_empty: &'static str,
        pub inbox_unread: &'static str,
        pub conversation_new_messages: &'static str,
        pub conversation_mark_read: &'static str,
        pub message_new: &'static str,
        pub side_inquirer: &'static str,
        pub side_listing: &'static str,
        pub conversation_title: &'static str,
        pub conversation_with: &'static str,
        pub conversation_closed_note: &'static str,
        pub you: &'static str,
        pub for_side: &'static str,
        pub reply_title: &'static str,
        pub reply_submit: &'static str,
        pub field_message: &'static str,
        pub field_message_hint: &'static str,
        pub contact_seller: &'static str,
        pub contact_buyer: &'static str,
        pub contact_lead: &'static str,
        pub contact_submit: &'static str,
        pub contact_login: &'static str,
        pub contact_open_conversation: &'static str,
        pub own_listing_note: &'static str,
        pub manage_listing: &'static str,
        pub watch_save: &'static str,
        pub watch_forget: &'static str,
        pub watch_saved: &'static str,
        pub watchlist_title: &'static str,
        pub watchlist_lead: &'static str,
        pub watchlist_empty: &'static str,
        pub watchlist_unavailable: &'static str,
        pub saved_on: &'static str,
        pub field_own_listing: &'static str,
        pub field_listing_not_open: &'static str,
        pub field_too_many_inquiries: &'static str,
        // auctions
        /// What the live bidding page says (its own table, so the browser's code holds only these).
        pub bidding: &'static Bidding,
        pub auction_eyebrow: &'static str,
        pub auction_see_listing: &'static str,
        pub auction_seller: &'static str,
        pub auction_open_page: &'static str,
        pub auction_setup_title: &'static str,
        pub auction_setup_lead: &'static str,
        pub auction_setup_asking: &'static str,
        pub auction_setup_exists: &'static str,
        pub auction_setup_not_published: &'static str,
        pub auction_setup_refused: &'static str,
        pub auction_setup_prices: &'static str,
        pub auction_setup_time: &'static str,
        pub auction_setup_bidders: &'static str,
        pub field_starting_price: &'static str,
        pub field_starting_price_hint: &'static str,
        pub field_step: &'static str,
        pub field_step_hint: &'static str,
        pub field_reserve: &'static str,
        pub field_reserve_hint: &'static str,
        pub field_buy_now: &'static str,
        pub field_buy_now_hint: &'static str,
        pub field_starts_at: &'static str,
        pub field_times_hint: &'static str,
        pub field_ends_at: &'static str,
        pub field_ends_at_hint: &'static str,
        pub field_soft_close: &'static str,
        pub field_soft_close_hint: &'static str,
        pub field_requires_approval: &'static str,
        pub field_requires_approval_hint: &'static str,
        pub field_deposit: &'static str,
        pub field_deposit_hint: &'static str,
        pub auction_submit: &'static str,
        pub auction_status_running: &'static str,
        pub auction_status_pending: &'static str,
        pub auction_status_closed: &'static str,
        pub auction_resubmit: &'static str,
        pub put_up_for_auction: &'static str,
        pub done_auction_submitted: &'static str,
        pub done_auction_approved: &'static str,
        pub done_auction_rejected: &'static str,
        pub done_bidder_approved: &'static str,
        pub done_bidder_refused: &'static str,
        pub pending_auctions_suffix: &'static str,
        pub pending_bidders_suffix: &'static str,
        pub moderation_auctions: &'static str,
        pub moderation_bidders: &'static str,
        pub yes: &'static str,
        pub no: &'static str,
        pub field_deposit_ref: &'static str,
        pub field_deposit_ref_hint: &'static str,
        pub field_bidder_phone: &'static str,
        pub approve_bidder: &'static str,
        pub auction_register_title: &'static str,
        pub auction_register_lead: &'static str,
        pub auction_register_submit: &'static str,
        pub auction_registration_pending: &'static str,
        pub auction_registration_refused: &'static str,
        pub auction_registration_approved: &'static str,
        pub done_registered: &'static str,
        pub field_auction_starting_price: &'static str,
        pub field_auction_step: &'static str,
        pub field_auction_reserve: &'static str,
        pub field_auction_buy_now: &'static str,
        pub field_auction_window: &'static str,
        pub field_auction_too_short: &'static str,
        pub field_auction_too_long: &'static str,
        pub field_auction_soft_close: &'static str,
        pub field_auction_deposit: &'static str,
        pub field_auction_exists: &'static str,
        pub notifications_title: &'static str,
        pub notifications_lead: &'static str,
        pub notifications_mark_read: &'static str,
        pub notifications_empty: &'static str,
        pub done_notifications_read: &'static str,
        pub notification_outbid: &'static str,
        pub notification_ending_soon: &'static str,
        pub notification_won: &'static str,
        pub notification_lost: &'static str,
        pub notification_ended_sold: &'static str,
        pub notification_ended_unsold: &'static str,
        pub auctions_running: &'static str,
        pub auctions_upcoming: &'static str,
        pub auctions_ended: &'static str,
        pub listing_auction_link: &'static str,
        pub listing_auction_open: &'static str,
    }

    /// The live bidding page's text: everything its island draws in the browser.
    #[derive(Debug)]
    pub struct Bidding {
        pub live: &'static str,
        pub reconnecting: &'static str,
        pub reload_note: &'static str,
        pub min_next: &'static str,
        pub step: &'static str,
        pub starting_price: &'static str,
        pub leader: &'static str,
        pub no_bids: &'static str,
        pub watching: &'static str,
        pub watchers: &'static str,
        pub ends_in: &'static str,
        pub starts_in: &'static str,
        pub starts_at: &'static str,
        pub days: &'static str,
        pub ending: &'static str,
        pub ended: &'static str,
        pub pending: &'static str,
        pub cancelled: &'static str,
        pub extended: &'static str,
        pub soft_close: &'static str,
        pub soft_close_label: &'static str,
        pub minutes: &'static str,
        pub reserve_met: &'static str,
        pub reserve_not_met: &'static str,
        pub you_leading: &'static str,
        pub you_outbid: &'static str,
        pub you_won: &'static str,
        pub you_lost: &'static str,
        pub your_max: &'static str,
        pub quick_bid: &'static str,
        pub max_label: &'static str,
        pub max_hint: &'static str,
        pub place_bid: &'static str,
        pub confirm_title: &'static str,
        pub confirm_max: &'static str,
        pub confirm_buy_now: &'static str,
        pub confirm: &'static str,
        pub cancel: &'static str,
        pub buy_now: &'static str,
        pub login_to_bid: &'static str,
        pub own: &'static str,
        pub history: &'static str,
        pub auto: &'static str,
        pub bidder: &'static str,
        pub amount: &'static str,
        pub time: &'static str,
        pub winner: &'static str,
        pub sold_for: &'static str,
        pub no_sale: &'static str,
        pub export_csv: &'static str,
        pub bid_placed: &'static str,
        pub bid_count: &'static str,
        pub current_price: &'static str,
        pub ends_at: &'static str,
        pub bid_not_started: &'static str,
        pub bid_ended: &'static str,
        pub bid_own_auction: &'static str,
        pub bid_below_minimum: &'static str,
        pub bid_above_highest: &'static str,
        pub bid_not_whole_steps: &'static str,
        pub bid_not_above_own_maximum: &'static str,
        pub bid_buy_now_unavailable: &'static str,
        pub bid_not_open: &'static str,
        pub bid_not_registered: &'static str,
        pub amount_required: &'static str,
        pub amount_not_a_number: &'static str,
        pub amount_too_large: &'static str,
        pub error_log_in: &'static str,
        pub error_too_many: &'static str,
        pub error_retry: &'static str,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_picks_the_language_and_vietnamese_is_the_default() {
        assert_eq!(Locale::from_cookie_header(""), Locale::Vi);
        assert_eq!(Locale::from_cookie_header("a=b; lang=en"), Locale::En);
        assert_eq!(Locale::from_cookie_header("lang=fr"), Locale::Vi);
        assert_eq!(Locale::from_cookie_header("xlang=en"), Locale::Vi);
    }

    #[test]
    fn counts_use_each_languages_grouping() {
        assert_eq!(Locale::Vi.format_count(11_656), "11.656");
        assert_eq!(Locale::En.format_count(11_656), "11,656");
    }

    #[test]
    fn languages_differ_where_they_should() {
        assert_ne!(
            Locale::Vi.messages().nav_home,
            Locale::En.messages().nav_home
        );
    }
}
