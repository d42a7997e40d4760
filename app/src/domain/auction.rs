//! The rules of an auction (*đấu giá*), as a pure state machine: proxy bidding in whole steps,
//! ties to the earlier maximum, a hidden reserve, buy-now, and the soft close.
//!
//! Every price is on the auction's grid: the starting price plus a whole number of steps. A
//! bidder states a *maximum*; the auction bids for them only as much as needed to lead. The state
//! after any sequence of actions is a function of that sequence alone, so replaying a stored bid
//! log reproduces the auction exactly (that is how the log is verified).
//!
//! Times are milliseconds since the Unix epoch, as everywhere in the database.

use serde::{Deserialize, Serialize};

use super::Vnd;

/// Who may do what, fixed when the auction is set up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuctionRules {
    /// The seller's account: never allowed to bid.
    pub seller_id: i64,
    /// The first price a bid can reach, in đồng.
    pub starting_price: i64,
    /// The bid step (*bước giá*), in đồng; every price is `starting_price + k × step`.
    pub step: i64,
    /// Below this final price nothing is sold; hidden from bidders (the page says met / not met).
    pub reserve: Option<i64>,
    /// Paying this ends the auction at once.
    pub buy_now: Option<i64>,
    pub starts_at: i64,
    /// The end as first set; bids in the soft-close window push the current end later.
    pub ends_at: i64,
    /// A bid this close to the end pushes the end to this long after the bid.
    pub soft_close_ms: i64,
}

/// The default soft-close window: 3 minutes.
pub const DEFAULT_SOFT_CLOSE_MS: i64 = 3 * 60 * 1000;

/// About 1 % of the starting price, rounded to 1,000 đồng, at least 1,000 đồng.
pub fn default_step(starting_price: i64) -> i64 {
    let one_percent = starting_price / 100;
    ((one_percent + 500) / 1000 * 1000).max(1000)
}

/// Why a set of rules cannot open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RulesError {
    /// On the starting price: zero or less.
    StartingPrice,
    /// On the step: zero or less.
    Step,
    /// On the reserve: below the starting price or off the grid.
    Reserve,
    /// On the buy-now price: not above the starting price (and the reserve), or off the grid.
    BuyNow,
    /// On the end: not after the start.
    Window,
    /// On the soft-close window: negative.
    SoftClose,
}

impl RulesError {
    /// The translated message's key.
    pub fn code(self) -> &'static str {
        match self {
            Self::StartingPrice => "auction_starting_price",
            Self::Step => "auction_step",
            Self::Reserve => "auction_reserve",
            Self::BuyNow => "auction_buy_now",
            Self::Window => "auction_window",
            Self::SoftClose => "auction_soft_close",
        }
    }
}

impl AuctionRules {
    /// Checks the rules are consistent: positive prices up to [`Vnd::MAX`], reserve and buy-now
    /// on the grid, the buy-now price above the starting price and the reserve, the end after the
    /// start.
    pub fn check(&self) -> Result<(), RulesError> {
        let price = 1..=Vnd::MAX;
        if !price.contains(&self.starting_price) {
            return Err(RulesError::StartingPrice);
        }
        if !price.contains(&self.step) {
            return Err(RulesError::Step);
        }
        if let Some(reserve) = self.reserve
            && (reserve < self.starting_price || reserve > Vnd::MAX || !self.on_grid(reserve))
        {
            return Err(RulesError::Reserve);
        }
        if let Some(buy_now) = self.buy_now
            && (buy_now <= self.starting_price
                || buy_now > Vnd::MAX
                || self.reserve.is_some_and(|r| buy_now < r)
                || !self.on_grid(buy_now))
        {
            return Err(RulesError::BuyNow);
        }
        if self.ends_at <= self.starts_at {
            return Err(RulesError::Window);
        }
        if self.soft_close_ms < 0 {
            return Err(RulesError::SoftClose);
        }
        Ok(())
    }

    /// Whether `amount` is the starting price plus a whole number of steps.
    pub fn on_grid(&self, amount: i64) -> bool {
        amount >= self.starting_price
            && self.step > 0
            && amount
                .checked_sub(self.starting_price)
                .is_some_and(|above| above % self.step == 0)
    }

    /// The highest maximum a bidder may state: the buy-now price where there is one (paying it
    /// ends the auction), or else 1,000 times the starting price; never above [`Vnd::MAX`].
    pub fn highest_bid(&self) -> i64 {
        self.buy_now
            .unwrap_or_else(|| self.starting_price.saturating_mul(1000))
            .min(Vnd::MAX)
    }
}

/// What a bidder asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    /// Bid up to `max` for the bidder (a new maximum or a raised one).
    Bid { max: i64 },
    /// Pay the buy-now price and end the auction.
    BuyNow,
}

/// Why an action is refused; nothing changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BidError {
    /// Before the start, by the server's clock.
    NotStarted,
    /// At or after the (possibly extended) end, or after a buy-now.
    Ended,
    /// The seller bidding on their own auction.
    OwnAuction,
    /// Below the minimum next bid, which is given.
    BelowMinimum { minimum: i64 },
    /// Above the highest maximum the auction takes ([`AuctionRules::highest_bid`], given).
    AboveHighest { highest: i64 },
    /// Not the starting price plus a whole number of steps (the step is given).
    NotWholeSteps { step: i64 },
    /// A leader's new maximum must be above their current one.
    NotAboveOwnMaximum,
    /// The auction has no buy-now price, or the bidding has passed it.
    BuyNowUnavailable,
}

impl BidError {
    /// The translated message's key.
    pub fn code(self) -> &'static str {
        match self {
            Self::NotStarted => "bid_not_started",
            Self::Ended => "bid_ended",
            Self::OwnAuction => "bid_own_auction",
            Self::BelowMinimum { .. } => "bid_below_minimum",
            Self::AboveHighest { .. } => "bid_above_highest",
            Self::NotWholeSteps { .. } => "bid_not_whole_steps",
            Self::NotAboveOwnMaximum => "bid_not_above_own_maximum",
            Self::BuyNowUnavailable => "bid_buy_now_unavailable",
        }
    }
}

/// An auction's state: everything its bidding page shows, and what the next bid is checked
/// against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuctionState {
    /// The current price; the starting price until the first bid.
    pub price: i64,
    /// The leading bidder and their maximum (hidden from everyone else).
    pub leader: Option<(i64, i64)>,
    /// Bids shown in the history: each bidder's bid and each bid the system made for them.
    pub bid_count: i64,
    /// The current end, after any soft-close extensions.
    pub ends_at: i64,
    /// Set by a buy-now: the auction is over at that moment.
    pub bought_at: Option<i64>,
}

/// One line of the public history that an accepted action adds: who now bids how much.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryLine {
    pub bidder_id: i64,
    pub amount: i64,
    /// Made by the system for the bidder's maximum rather than typed by them.
    pub automatic: bool,
}

/// What an accepted action did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The lines it adds to the history, in order (none when a leader only raised their
    /// maximum and the price did not move).
    pub history: Vec<HistoryLine>,
    /// The leader before, if the action took the lead from them (they are outbid).
    pub outbid: Option<i64>,
    /// The end was pushed later by the soft close.
    pub extended: bool,
}

impl AuctionState {
    /// A fresh auction: no bids, at its starting price.
    pub fn new(rules: &AuctionRules) -> Self {
        Self {
            price: rules.starting_price,
            leader: None,
            bid_count: 0,
            ends_at: rules.ends_at,
            bought_at: None,
        }
    }

    /// The smallest maximum a bidder other than the leader can state now.
    pub fn minimum_next(&self, rules: &AuctionRules) -> i64 {
        match self.leader {
            None => rules.starting_price,
            Some(_) => self.price.saturating_add(rules.step),
        }
    }

    /// Whether bids are taken at `now`.
    pub fn is_open(&self, rules: &AuctionRules, now: i64) -> bool {
        now >= rules.starts_at && now < self.ends_at && self.bought_at.is_none()
    }

    /// Whether the current price has reached the reserve (always, without one).
    pub fn reserve_met(&self, rules: &AuctionRules) -> bool {
        self.leader.is_some() && rules.reserve.is_none_or(|r| self.price >= r)
    }

    /// The winner and the price, once the auction is over: the leader, if the reserve is met.
    pub fn result(&self, rules: &AuctionRules) -> Option<(i64, i64)> {
        let (leader, _) = self.leader?;
        self.reserve_met(rules).then_some((leader, self.price))
    }

    /// Applies `action` by `bidder` at `now`, or refuses it and changes nothing.
    pub fn apply(
        &mut self,
        rules: &AuctionRules,
        bidder: i64,
        action: Action,
        now: i64,
    ) -> Result<Outcome, BidError> {
        if now < rules.starts_at {
            return Err(BidError::NotStarted);
        }
        if !self.is_open(rules, now) {
            return Err(BidError::Ended);
        }
        if bidder == rules.seller_id {
            return Err(BidError::OwnAuction);
        }
        let mut next = self.clone();
        let (history, outbid) = match action {
            Action::Bid { max } => next.bid(rules, bidder, max)?,
            Action::BuyNow => next.buy_now(rules, bidder, now)?,
        };
        // The soft close: a bid that moved the price or the lead, in the last window, pushes
        // the end to a window after it.
        let mut extended = false;
        if next.bought_at.is_none()
            && !history.is_empty()
            && rules.soft_close_ms > 0
            && now >= next.ends_at.saturating_sub(rules.soft_close_ms)
        {
            next.ends_at = now.saturating_add(rules.soft_close_ms);
            extended = true;
        }
        next.bid_count += history.len() as i64;
        *self = next;
        Ok(Outcome {
            history,
            outbid,
            extended,
        })
    }

    fn bid(
        &mut self,
        rules: &AuctionRules,
        bidder: i64,
        max: i64,
    ) -> Result<(Vec<HistoryLine>, Option<i64>), BidError> {
        let minimum = self.minimum_next(rules);
        let highest = rules.highest_bid();
        if max > highest {
            return Err(BidError::AboveHighest { highest });
        }
        match self.leader {
            // The leader raises their maximum: the price stays (it only moves against someone),
            // unless the new maximum reaches a reserve the price has not.
            Some((leader, leader_max)) if leader == bidder => {
                if max <= leader_max {
                    return Err(BidError::NotAboveOwnMaximum);
                }
                if !rules.on_grid(max) {
                    return Err(BidError::NotWholeSteps { step: rules.step });
                }
                self.leader = Some((bidder, max));
                let lifted = self.lift_to_reserve(rules);
                let history = lifted
                    .then_some(HistoryLine {
                        bidder_id: bidder,
                        amount: self.price,
                        automatic: true,
                    })
                    .into_iter()
                    .collect();
                Ok((history, None))
            }
            leader => {
                if max < minimum {
                    return Err(BidError::BelowMinimum { minimum });
                }
                if !rules.on_grid(max) {
                    return Err(BidError::NotWholeSteps { step: rules.step });
                }
                let Some((leader, leader_max)) = leader else {
                    // The first bid opens at the starting price.
                    self.leader = Some((bidder, max));
                    self.price = rules.starting_price;
                    self.lift_to_reserve(rules);
                    let line = HistoryLine {
                        bidder_id: bidder,
                        amount: self.price,
                        automatic: false,
                    };
                    return Ok((vec![line], None));
                };
                if max > leader_max {
                    // The newcomer leads, one step above the old maximum (grid prices: their
                    // maximum is at least that). The old leader's automatic bidding up to their
                    // maximum shows first, if it went beyond the price already shown.
                    let before = self.price;
                    self.leader = Some((bidder, max));
                    self.price = leader_max.saturating_add(rules.step).min(max);
                    self.lift_to_reserve(rules);
                    let mut lines = Vec::with_capacity(2);
                    if leader_max > before {
                        lines.push(HistoryLine {
                            bidder_id: leader,
                            amount: leader_max,
                            automatic: true,
                        });
                    }
                    lines.push(HistoryLine {
                        bidder_id: bidder,
                        amount: self.price,
                        automatic: false,
                    });
                    Ok((lines, Some(leader)))
                } else {
                    // The leader keeps the lead (a tie goes to the earlier maximum), answering
                    // one step above the newcomer's maximum, never above their own.
                    self.price = max.saturating_add(rules.step).min(leader_max);
                    self.lift_to_reserve(rules);
                    let lines = vec![
                        HistoryLine {
                            bidder_id: bidder,
                            amount: max,
                            automatic: false,
                        },
                        HistoryLine {
                            bidder_id: leader,
                            amount: self.price,
                            automatic: true,
                        },
                    ];
                    Ok((lines, None))
                }
            }
        }
    }

    /// Raises the price to the reserve when the leader's maximum reaches it; true if it moved.
    fn lift_to_reserve(&mut self, rules: &AuctionRules) -> bool {
        match (rules.reserve, self.leader) {
            (Some(reserve), Some((_, max))) if self.price < reserve && max >= reserve => {
                self.price = reserve;
                true
            }
            _ => false,
        }
    }

    fn buy_now(
        &mut self,
        rules: &AuctionRules,
        bidder: i64,
        now: i64,
    ) -> Result<(Vec<HistoryLine>, Option<i64>), BidError> {
        let Some(buy_now) = rules.buy_now else {
            return Err(BidError::BuyNowUnavailable);
        };
        // Once someone's maximum reaches the buy-now price, the bidding has overtaken it.
        if self.leader.is_some_and(|(_, max)| max >= buy_now) {
            return Err(BidError::BuyNowUnavailable);
        }
        let outbid = self
            .leader
            .map(|(leader, _)| leader)
            .filter(|l| *l != bidder);
        self.leader = Some((bidder, buy_now));
        self.price = buy_now;
        self.bought_at = Some(now);
        self.ends_at = now;
        let line = HistoryLine {
            bidder_id: bidder,
            amount: buy_now,
            automatic: false,
        };
        Ok((vec![line], outbid))
    }
}

/// A bidder's name as the public history shows it: its first and last letters around three
/// stars ("Nguyễn Văn An" → "N***n"), so bidders can follow the bidding without being known.
pub fn mask_name(name: &str) -> String {
    let name = name.trim();
    let mut letters = name.chars().filter(|c| c.is_alphanumeric());
    let Some(first) = letters.next() else {
        return "***".to_owned();
    };
    let first: String = first.to_uppercase().collect();
    match letters.next_back() {
        Some(last) => format!("{first}***{last}"),
        None => format!("{first}***"),
    }
}

/// Where a viewer stands in an auction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Has not bid (or is a visitor).
    None,
    /// Holds the lead.
    Leading,
    /// Has bid and someone else leads.
    Outbid,
    /// Won the closed auction.
    Won,
    /// Bid on the closed auction and did not win it.
    Lost,
}

impl Standing {
    /// Its name as serialized (`leading`, `outbid` …), for markup and tests.
    pub fn code(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Leading => "leading",
            Self::Outbid => "outbid",
            Self::Won => "won",
            Self::Lost => "lost",
        }
    }

    /// The standing of `viewer` (who has bid on it when `has_bid`) given the leader, or once
    /// `closed`, the winner (`None`: no sale).
    pub fn of(
        viewer: Option<i64>,
        has_bid: bool,
        leader_or_winner: Option<i64>,
        closed: bool,
    ) -> Self {
        let Some(viewer) = viewer else {
            return Self::None;
        };
        let first = leader_or_winner == Some(viewer);
        match (closed, first, has_bid || first) {
            (_, _, false) => Self::None,
            (false, true, _) => Self::Leading,
            (false, false, _) => Self::Outbid,
            (true, true, _) => Self::Won,
            (true, false, _) => Self::Lost,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SELLER: i64 = 1;
    const A: i64 = 10;
    const B: i64 = 20;
    const C: i64 = 30;

    fn rules() -> AuctionRules {
        AuctionRules {
            seller_id: SELLER,
            starting_price: 10_000_000,
            step: 100_000,
            reserve: None,
            buy_now: None,
            starts_at: 0,
            ends_at: 1_000_000,
            soft_close_ms: 180_000,
        }
    }

    fn bid(state: &mut AuctionState, rules: &AuctionRules, who: i64, max: i64) -> Outcome {
        state
            .apply(rules, who, Action::Bid { max }, 100)
            .unwrap_or_else(|e| panic!("{who} bidding {max}: {e:?}"))
    }

    fn line(bidder_id: i64, amount: i64, automatic: bool) -> HistoryLine {
        HistoryLine {
            bidder_id,
            amount,
            automatic,
        }
    }

    #[test]
    fn the_default_step_is_about_one_percent_in_thousands() {
        assert_eq!(default_step(10_000_000), 100_000);
        assert_eq!(default_step(1_234_000), 12_000);
        assert_eq!(default_step(1_250_000), 13_000, "12,500 rounds up");
        assert_eq!(default_step(155_000_000), 1_550_000);
        assert_eq!(default_step(50_000), 1_000, "never below 1,000 đồng");
    }

    #[test]
    fn inconsistent_rules_are_refused() {
        assert_eq!(rules().check(), Ok(()));
        let with = |f: fn(&mut AuctionRules)| {
            let mut r = rules();
            f(&mut r);
            r.check()
        };
        assert_eq!(
            with(|r| r.starting_price = 0),
            Err(RulesError::StartingPrice)
        );
        assert_eq!(with(|r| r.step = 0), Err(RulesError::Step));
        assert_eq!(
            with(|r| r.reserve = Some(9_900_000)),
            Err(RulesError::Reserve)
        );
        assert_eq!(
            with(|r| r.reserve = Some(11_050_000)),
            Err(RulesError::Reserve),
            "off the grid"
        );
        assert_eq!(with(|r| r.reserve = Some(11_000_000)), Ok(()));
        assert_eq!(
            with(|r| r.buy_now = Some(10_000_000)),
            Err(RulesError::BuyNow)
        );
        assert_eq!(
            with(|r| {
                r.reserve = Some(15_000_000);
                r.buy_now = Some(14_000_000);
            }),
            Err(RulesError::BuyNow),
            "below the reserve"
        );
        assert_eq!(with(|r| r.ends_at = 0), Err(RulesError::Window));
        assert_eq!(with(|r| r.soft_close_ms = -1), Err(RulesError::SoftClose));
    }

    #[test]
    fn a_proxy_bids_only_as_much_as_needed_to_lead() {
        let r = rules();
        let mut s = AuctionState::new(&r);
        assert_eq!(s.minimum_next(&r), 10_000_000);

        let first = bid(&mut s, &r, A, 12_000_000);
        assert_eq!(first.history, [line(A, 10_000_000, false)]);
        assert_eq!(
            (s.price, s.leader, s.bid_count),
            (10_000_000, Some((A, 12_000_000)), 1)
        );
        assert_eq!(s.minimum_next(&r), 10_100_000);

        // B's maximum is below A's: A answers one step above it.
        let answered = bid(&mut s, &r, B, 10_500_000);
        assert_eq!(
            answered.history,
            [line(B, 10_500_000, false), line(A, 10_600_000, true)]
        );
        assert_eq!(answered.outbid, None);
        assert_eq!(
            (s.price, s.leader.unwrap().0, s.bid_count),
            (10_600_000, A, 3)
        );

        // C's maximum is above A's: C leads one step above A's maximum, A's bidding shown first.
        let overtaken = bid(&mut s, &r, C, 13_000_000);
        assert_eq!(
            overtaken.history,
            [line(A, 12_000_000, true), line(C, 12_100_000, false)]
        );
        assert_eq!(overtaken.outbid, Some(A));
        assert_eq!(
            (s.price, s.leader, s.bid_count),
            (12_100_000, Some((C, 13_000_000)), 5)
        );
    }

    #[test]
    fn a_tie_goes_to_the_earlier_maximum() {
        let r = rules();
        let mut s = AuctionState::new(&r);
        bid(&mut s, &r, A, 12_000_000);
        let tie = bid(&mut s, &r, B, 12_000_000);
        assert_eq!(
            tie.history,
            [line(B, 12_000_000, false), line(A, 12_000_000, true)]
        );
        assert_eq!((s.price, s.leader.unwrap().0), (12_000_000, A));
        // Whoever comes next must beat 12,000,000 by a step.
        assert_eq!(s.minimum_next(&r), 12_100_000);
        // Outbidding a leader whose maximum is already the price shows only the new bid.
        let over = bid(&mut s, &r, B, 12_500_000);
        assert_eq!(over.history, [line(B, 12_100_000, false)]);
        assert_eq!(over.outbid, Some(A));
    }

    #[test]
    fn bad_bids_are_refused_and_change_nothing() {
        let r = rules();
        let mut s = AuctionState::new(&r);
        bid(&mut s, &r, A, 12_000_000);
        let before = s.clone();
        let at = |s: &mut AuctionState, who, max, now| s.apply(&r, who, Action::Bid { max }, now);
        assert_eq!(
            at(&mut s, B, 10_000_000, 100),
            Err(BidError::BelowMinimum {
                minimum: 10_100_000
            })
        );
        assert_eq!(
            at(&mut s, B, 10_150_000, 100),
            Err(BidError::NotWholeSteps { step: 100_000 })
        );
        assert_eq!(
            at(&mut s, SELLER, 20_000_000, 100),
            Err(BidError::OwnAuction)
        );
        assert_eq!(at(&mut s, B, 20_000_000, -1), Err(BidError::NotStarted));
        assert_eq!(at(&mut s, B, 20_000_000, 1_000_000), Err(BidError::Ended));
        assert_eq!(
            at(&mut s, A, 12_000_000, 100),
            Err(BidError::NotAboveOwnMaximum)
        );
        assert_eq!(
            at(&mut s, A, 12_050_000, 100),
            Err(BidError::NotWholeSteps { step: 100_000 })
        );
        assert_eq!(
            s.apply(&r, B, Action::BuyNow, 100),
            Err(BidError::BuyNowUnavailable)
        );
        // At most 1,000 times the starting price without a buy-now price; at most that with one.
        assert_eq!(
            at(&mut s, B, 10_000_000_100_000, 100),
            Err(BidError::AboveHighest {
                highest: 10_000_000_000
            })
        );
        assert_eq!(
            at(&mut s, B, i64::MAX, 100),
            Err(BidError::AboveHighest {
                highest: 10_000_000_000
            })
        );
        let with_buy_now = AuctionRules {
            buy_now: Some(20_000_000),
            ..r
        };
        assert_eq!(
            s.apply(&with_buy_now, B, Action::Bid { max: 20_100_000 }, 100),
            Err(BidError::AboveHighest {
                highest: 20_000_000
            })
        );
        assert_eq!(s, before);
    }

    #[test]
    fn two_bids_at_the_largest_amount_cannot_wrap_the_price() {
        let r = AuctionRules {
            starting_price: Vnd::MAX - 1_000,
            step: 1_000,
            ..rules()
        };
        assert_eq!(r.check(), Ok(()));
        let mut s = AuctionState::new(&r);
        bid(&mut s, &r, A, Vnd::MAX);
        // A tie at the top: the earlier maximum keeps the lead, at that maximum and no higher.
        bid(&mut s, &r, B, Vnd::MAX);
        assert_eq!((s.price, s.leader), (Vnd::MAX, Some((A, Vnd::MAX))));
        assert_eq!(
            s.apply(
                &r,
                B,
                Action::Bid {
                    max: Vnd::MAX + 1_000
                },
                100
            ),
            Err(BidError::AboveHighest { highest: Vnd::MAX })
        );
        assert_eq!(
            s.apply(&r, B, Action::Bid { max: i64::MAX }, 100),
            Err(BidError::AboveHighest { highest: Vnd::MAX })
        );
        assert_eq!(s.price, Vnd::MAX);
        let over = AuctionRules {
            starting_price: Vnd::MAX + 1,
            ..rules()
        };
        assert_eq!(over.check(), Err(RulesError::StartingPrice));
        let wide_step = AuctionRules {
            step: i64::MAX,
            ..rules()
        };
        assert_eq!(wide_step.check(), Err(RulesError::Step));
    }

    #[test]
    fn a_leader_raising_their_maximum_does_not_move_the_price() {
        let r = rules();
        let mut s = AuctionState::new(&r);
        bid(&mut s, &r, A, 12_000_000);
        bid(&mut s, &r, B, 10_500_000);
        let raised = bid(&mut s, &r, A, 15_000_000);
        assert!(raised.history.is_empty());
        assert_eq!(
            (s.price, s.leader, s.bid_count),
            (10_600_000, Some((A, 15_000_000)), 3)
        );
        // B now needs more than the raised maximum to lead.
        bid(&mut s, &r, B, 14_000_000);
        assert_eq!((s.price, s.leader.unwrap().0), (14_100_000, A));
    }

    #[test]
    fn the_price_rises_to_the_reserve_once_a_maximum_reaches_it() {
        let r = AuctionRules {
            reserve: Some(11_000_000),
            ..rules()
        };
        let mut s = AuctionState::new(&r);
        bid(&mut s, &r, A, 10_500_000);
        assert_eq!(s.price, 10_000_000);
        assert!(!s.reserve_met(&r));
        assert_eq!(s.result(&r), None, "no sale below the reserve");
        // B leads at one step above A's maximum, then at the reserve that B's maximum reaches.
        let lifted = bid(&mut s, &r, B, 12_000_000);
        assert_eq!(
            lifted.history,
            [line(A, 10_500_000, true), line(B, 11_000_000, false)]
        );
        assert!(s.reserve_met(&r));
        assert_eq!(s.result(&r), Some((B, 11_000_000)));

        // A first maximum above the reserve opens at the reserve.
        let mut s = AuctionState::new(&r);
        bid(&mut s, &r, C, 11_500_000);
        assert_eq!((s.price, s.reserve_met(&r)), (11_000_000, true));

        // A leader below the reserve raising their maximum past it lifts the price too.
        let mut s = AuctionState::new(&r);
        bid(&mut s, &r, A, 10_200_000);
        let raised = bid(&mut s, &r, A, 11_200_000);
        assert_eq!(raised.history, [line(A, 11_000_000, true)]);
        assert_eq!(s.price, 11_000_000);
    }

    #[test]
    fn buy_now_ends_the_auction_at_its_price() {
        let r = AuctionRules {
            buy_now: Some(20_000_000),
            ..rules()
        };
        let mut s = AuctionState::new(&r);
        bid(&mut s, &r, A, 12_000_000);
        let bought = s.apply(&r, B, Action::BuyNow, 500).unwrap();
        assert_eq!(bought.history, [line(B, 20_000_000, false)]);
        assert_eq!(bought.outbid, Some(A));
        assert_eq!(
            (s.price, s.ends_at, s.result(&r)),
            (20_000_000, 500, Some((B, 20_000_000)))
        );
        assert_eq!(
            s.apply(&r, C, Action::Bid { max: 30_000_000 }, 501),
            Err(BidError::Ended)
        );

        // Once a maximum reaches the buy-now price, the bidding has overtaken it.
        let mut s = AuctionState::new(&r);
        bid(&mut s, &r, A, 20_000_000);
        assert_eq!(
            s.apply(&r, B, Action::BuyNow, 500),
            Err(BidError::BuyNowUnavailable)
        );
    }

    #[test]
    fn a_late_bid_pushes_the_end_to_a_window_after_it() {
        let r = rules();
        let mut s = AuctionState::new(&r);
        let early = s
            .apply(&r, A, Action::Bid { max: 12_000_000 }, 500_000)
            .unwrap();
        assert!(!early.extended);
        assert_eq!(s.ends_at, 1_000_000);
        // 3 minutes before the end is inside the window.
        let late = s
            .apply(&r, B, Action::Bid { max: 10_500_000 }, 820_000)
            .unwrap();
        assert!(late.extended);
        assert_eq!(s.ends_at, 1_000_000);
        let later = s
            .apply(&r, B, Action::Bid { max: 10_800_000 }, 950_000)
            .unwrap();
        assert!(later.extended);
        assert_eq!(s.ends_at, 1_130_000);
        // A raised maximum that moves nothing does not extend.
        let quiet = s
            .apply(&r, A, Action::Bid { max: 13_000_000 }, 1_100_000)
            .unwrap();
        assert!(!quiet.extended);
        assert_eq!(s.ends_at, 1_130_000);
        assert_eq!(
            s.apply(&r, C, Action::Bid { max: 20_000_000 }, 1_130_000),
            Err(BidError::Ended),
            "the server's clock at the end refuses"
        );
        assert_eq!(s.result(&r), Some((A, 10_900_000)));
    }

    #[test]
    fn replaying_the_same_actions_gives_the_same_auction_and_keeps_its_invariants() {
        let r = AuctionRules {
            reserve: Some(11_000_000),
            buy_now: Some(30_000_000),
            ..rules()
        };
        // A fixed pseudo-random sequence of maxima by five bidders (and the seller).
        let mut seed: u64 = 0x5eed;
        let mut actions = Vec::new();
        for i in 0..400 {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let who = 1 + (seed >> 33) as i64 % 6;
            // Maxima climb as the auction goes on, as they do.
            let steps = i / 2 + (seed >> 40) as i64 % 20;
            let max = 10_000_000
                + steps * 100_000
                + if (seed >> 20).is_multiple_of(10) {
                    50_000
                } else {
                    0
                };
            actions.push((who, max, i * 2_000));
        }
        let run = || {
            let mut s = AuctionState::new(&r);
            let mut accepted = 0;
            for &(who, max, now) in &actions {
                let before = s.clone();
                match s.apply(&r, who, Action::Bid { max }, now) {
                    Ok(outcome) => {
                        accepted += 1;
                        let (leader, leader_max) = s.leader.unwrap();
                        assert!(s.price <= leader_max, "never above the leader's maximum");
                        assert!(r.on_grid(s.price), "always on the grid");
                        assert!(s.price >= before.price, "never down");
                        assert!(leader != SELLER);
                        if let Some(out) = outcome.outbid {
                            assert_ne!(out, leader);
                        }
                    }
                    Err(_) => assert_eq!(s, before, "a refusal changes nothing"),
                }
            }
            (s, accepted)
        };
        let (first, accepted) = run();
        assert!(
            accepted > 20,
            "the sequence exercises the rules ({accepted} accepted)"
        );
        assert_eq!(run(), (first, accepted));
    }

    #[test]
    fn names_are_masked_to_first_and_last_letters() {
        assert_eq!(mask_name("Nguyễn Văn An"), "N***n");
        assert_eq!(mask_name("  đặng thị hồng "), "Đ***g");
        assert_eq!(mask_name("X"), "X***");
        assert_eq!(mask_name("  "), "***");
    }

    #[test]
    fn standing_follows_lead_and_close() {
        use Standing::{Leading, Lost, Outbid, Won};
        assert_eq!(Standing::of(None, false, Some(1), false), Standing::None);
        assert_eq!(Standing::of(Some(2), false, Some(1), false), Standing::None);
        assert_eq!(Standing::of(Some(1), true, Some(1), false), Leading);
        assert_eq!(Standing::of(Some(2), true, Some(1), false), Outbid);
        assert_eq!(Standing::of(Some(1), true, Some(1), true), Won);
        assert_eq!(Standing::of(Some(2), true, Some(1), true), Lost);
        assert_eq!(Standing::of(Some(2), true, Option::None, true), Lost);
    }
}

/// The rules' invariants over any rules that open and any sequence of actions.
#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Rules that open: grid, optional reserve and buy-now, sizes from đồng to [`Vnd::MAX`].
    fn any_rules() -> impl Strategy<Value = AuctionRules> {
        (
            prop_oneof![1..=100_000_000i64, 1..=Vnd::MAX],
            prop_oneof![1..=1_000_000i64, 1..=Vnd::MAX],
            proptest::option::of(0..50i64),
            proptest::option::of(1..200i64),
        )
            .prop_map(|(starting_price, step, reserve, buy_now)| {
                let on_grid = |k: i64| {
                    starting_price
                        .checked_add(step.checked_mul(k)?)
                        .filter(|p| *p <= Vnd::MAX)
                };
                AuctionRules {
                    seller_id: 0,
                    starting_price,
                    step,
                    reserve: reserve.and_then(on_grid),
                    buy_now: buy_now.and_then(|k| on_grid(k.max(reserve.unwrap_or(0) + 1))),
                    starts_at: 0,
                    ends_at: 1_000_000,
                    soft_close_ms: 180_000,
                }
            })
            .prop_filter("rules that open", |r| r.check().is_ok())
    }

    /// A bidder (0 is the seller) asking: a maximum a few steps up the grid, any amount at all,
    /// or buy-now.
    fn any_action() -> impl Strategy<Value = (i64, Option<i64>, Option<i64>)> {
        (
            0..5i64,
            prop_oneof![
                6 => (0..300i64).prop_map(|k| (Some(k), None)),
                2 => any::<i64>().prop_map(|amount| (None, Some(amount))),
                1 => Just((None, None)),
            ],
        )
            .prop_map(|(who, (steps, amount))| (who, steps, amount))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn the_price_never_falls_nor_passes_the_leaders_maximum(
            rules in any_rules(),
            actions in proptest::collection::vec(any_action(), 1..60),
        ) {
            let mut state = AuctionState::new(&rules);
            for (i, (who, steps, amount)) in actions.into_iter().enumerate() {
                let action = match (steps, amount) {
                    (Some(k), _) => Action::Bid {
                        max: rules.starting_price.saturating_add(rules.step.saturating_mul(k)),
                    },
                    (None, Some(max)) => Action::Bid { max },
                    (None, None) => Action::BuyNow,
                };
                let before = state.clone();
                match state.apply(&rules, who, action, i as i64 * 1_000) {
                    Ok(_) => {
                        let (leader, leader_max) = state.leader.expect("a bid leads");
                        prop_assert_ne!(leader, rules.seller_id);
                        prop_assert!(state.price >= before.price, "the price fell");
                        prop_assert!(state.price <= leader_max, "above the leader's maximum");
                        prop_assert!(leader_max <= rules.highest_bid());
                        prop_assert!(rules.on_grid(state.price), "off the grid");
                        if let Some(reserve) = rules.reserve {
                            // The reserve only ever lifts the price, to itself.
                            prop_assert!(leader_max < reserve || state.price >= reserve);
                        }
                        prop_assert!(state.ends_at >= before.ends_at || state.bought_at.is_some());
                    }
                    Err(_) => prop_assert_eq!(&state, &before, "a refusal changed the auction"),
                }
            }
        }

        #[test]
        fn typed_amounts_are_within_the_ceiling_or_refused(input in "[0-9 .,]{0,24}(đ|₫|VND)?") {
            match Vnd::parse(&input) {
                Ok(amount) => prop_assert!((0..=Vnd::MAX).contains(&amount.amount())),
                Err(code) => prop_assert!(["required", "too_large", "not_a_number"].contains(&code)),
            }
        }
    }
}
