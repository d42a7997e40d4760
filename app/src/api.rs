//! Server functions, one per file, grouped by feature.

pub mod accounts;
pub mod alerts;
pub mod auctions;
pub mod booths;
pub mod calls;
pub mod catalogue;
pub mod connect;
#[cfg(feature = "ssr")]
mod decision;
pub mod events;
pub mod incubator;
pub mod inquiries;
pub mod listings;
pub mod mentors;
pub mod news;
pub mod notifications;
pub mod stalls;
pub mod startup_intros;
pub mod startups;
pub mod statistics;
pub mod tickets;

pub use accounts::{
    change_password::{ChangePassword, change_password},
    confirm_email::{ConfirmEmail, confirm_email},
    get_account::get_account,
    get_current_user::get_current_user,
    list_users::list_users,
    log_in::{LogIn, log_in},
    log_out::{LogOut, log_out},
    register_account::{RegisterAccount, register_account},
    request_password_reset::{RequestPasswordReset, request_password_reset},
    reset_password::{ResetPassword, reset_password},
    revoke_other_sessions::{RevokeOtherSessions, revoke_other_sessions},
    revoke_session::{RevokeSession, revoke_session},
    revoke_user_sessions::{RevokeUserSessions, revoke_user_sessions},
    set_user_role::{SetUserRole, set_user_role},
};
pub use alerts::{
    alert_action::{AlertAction, alert_action},
    get_alerts::get_alerts,
    push_subscribe::{PushSubscribe, push_subscribe},
    push_unsubscribe::{PushUnsubscribe, push_unsubscribe},
    save_search::{SaveSearch, save_search},
    set_match_alerts::{SetMatchAlerts, set_match_alerts},
    unsubscribe_alerts::{UnsubscribeAlerts, unsubscribe_alerts},
};
pub use auctions::{
    decide_auction::{DecideAuction, decide_auction},
    decide_bidder::{DecideBidder, decide_bidder},
    get_auction::get_auction,
    get_auction_editor::get_auction_editor,
    place_bid::{PlaceBid, place_bid},
    register_bidder::{RegisterBidder, register_bidder},
    submit_auction::{SubmitAuction, submit_auction},
};
pub use booths::{
    ApplyForBooth, DecideBooth, apply_for_booth, decide_booth, get_booth_desk, get_booth_form,
    get_techmart,
};
pub use calls::{
    ApplyToCall, MoveApplication, SaveCall, apply_to_call, get_call, get_call_desk,
    get_call_editor, get_calls, get_own_calls, move_application, save_call,
};
pub use catalogue::{
    browse_listings::browse_listings, get_home_overview::get_home_overview,
    get_listing::get_listing, get_stall::get_stall, list_auctions::list_auctions,
    list_listings::list_listings, list_stalls::list_stalls, search_listings::search_listings,
    suggest_listings::suggest_listings,
};
pub use connect::{
    ask_introduction::{AskIntroduction, ask_introduction},
    deal_outcome::{
        ConfirmDeal, RecordAuctionDeal, RecordDeal, confirm_deal, record_auction_deal, record_deal,
    },
    get_connect_feed::get_connect_feed,
    get_introductions::{get_auction_deals, get_introductions},
    hide_match::{HideMatch, hide_match},
    join_request::{JoinRequest, join_request},
    move_introduction::{MoveIntroduction, move_introduction},
    synonyms::{DeleteSynonyms, SaveSynonyms, delete_synonyms, get_synonyms, save_synonyms},
};
pub use events::{
    EventAction, SaveEvent, event_action, get_event, get_event_desk, get_event_editor,
    get_event_month, get_events, save_event,
};
pub use incubator::{
    AddCohort, AddCohortProject, LinkTraining, SaveProgramme, add_cohort, add_cohort_project,
    get_programme, get_programme_editor, get_programmes, link_training, save_programme,
};
pub use inquiries::{
    get_conversation::get_conversation,
    get_inbox::get_inbox,
    get_listing_viewer::get_listing_viewer,
    get_watchlist::get_watchlist,
    mark_conversation_read::{MarkConversationRead, mark_conversation_read},
    reply_inquiry::{ReplyInquiry, reply_inquiry},
    send_inquiry::{SendInquiry, send_inquiry},
    set_watched::{SetWatched, set_watched},
};
pub use listings::{
    decide_listing::{DecideListing, decide_listing},
    delete_listing_draft::{DeleteListingDraft, delete_listing_draft},
    delete_listing_image::{DeleteListingImage, delete_listing_image},
    get_listing_draft::get_listing_draft,
    get_listing_editor::get_listing_editor,
    get_listing_images::get_listing_images,
    get_own_listings::get_own_listings,
    listing_action::{ListingAction, listing_action},
    move_listing_image::{MoveListingImage, move_listing_image},
    save_listing::{SaveListing, save_listing},
};
pub use mentors::{
    AskSession, MoveSession, SaveMentor, SaveSessionNote, ask_session, get_mentor,
    get_mentor_editor, get_mentoring, get_mentors, get_session, move_session, save_mentor,
    save_session_note,
};
pub use news::{
    article_action::{AddArticleCategory, ArticleAction, add_article_category, article_action},
    editor::{get_article_editor, get_article_preview, get_editor_desk},
    get_news::{get_article, get_news},
    save_article::{SaveArticle, save_article},
    videos::{
        SaveVideo, VideoAction, get_video, get_video_desk, get_video_editor, get_videos,
        save_video, video_action,
    },
};
pub use notifications::{
    get_notifications::get_notifications,
    mark_notifications_read::{MarkNotificationsRead, mark_notifications_read},
};
pub use stalls::{
    answer_invitation::{AnswerInvitation, answer_invitation},
    cancel_stall_invitation::{CancelStallInvitation, cancel_stall_invitation},
    create_stall::{CreateStall, create_stall},
    decide_stall::{DecideStall, decide_stall},
    decide_stall_edit::{DecideStallEdit, decide_stall_edit},
    get_invitation::get_invitation,
    get_moderation_queue::get_moderation_queue,
    get_own_stalls::get_own_stalls,
    get_stall_editor::get_stall_editor,
    get_stall_pictures::get_stall_pictures,
    get_stall_team::get_stall_team,
    invite_to_stall::{InviteToStall, invite_to_stall},
    remove_stall_member::{RemoveStallMember, remove_stall_member},
    remove_stall_picture::{RemoveStallPicture, remove_stall_picture},
    update_stall::{UpdateStall, update_stall},
};
pub use startup_intros::{
    AnswerProjectIntroduction, AskProjectIntroduction, PostIntroductionMessage,
    answer_project_introduction, ask_project_introduction, get_investor_matches,
    get_project_introduction, post_introduction_message,
};
pub use startups::{
    AcceptProjectTerms, DecideInvestor, DecideProject, SaveInvestor, SaveProject, WithdrawProject,
    accept_project_terms, decide_investor, decide_project, get_investor_editor, get_investors,
    get_own_startups, get_project, get_project_editor, get_startups, save_investor, save_project,
    withdraw_project,
};
pub use tickets::{
    CancelTicket, CheckInTicket, ConfirmTicket, RegisterForEvent, cancel_ticket, check_in_ticket,
    confirm_ticket, get_check_in, get_ticket, register_for_event,
};

/// Whether the request is a plain HTML form's post (the browser then follows a redirect to a
/// page), not a call from the page's script (which reads the answer).
#[cfg(feature = "ssr")]
pub fn is_plain_form_post() -> bool {
    leptos::prelude::use_context::<http::request::Parts>().is_some_and(|parts| {
        parts
            .headers
            .get(http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"))
    })
}
