//! What a member may do on the exchange.

use serde::{Deserialize, Serialize};

/// A member's role. Acting for an organisation is not a role: it comes with membership of that
/// organisation's stall.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Buyer or independent seller: every registered person.
    Member,
    /// Writes and publishes the exchange's news and events.
    Editor,
    /// Reviews stalls and listings before they are public.
    Moderator,
    /// Manages roles; can do everything a moderator (and so an editor) can.
    Admin,
}

impl Role {
    /// Every role, least powerful first.
    pub const ALL: [Role; 4] = [Role::Member, Role::Editor, Role::Moderator, Role::Admin];

    /// Code stored in the database and sent by forms.
    pub fn code(self) -> &'static str {
        match self {
            Self::Member => "member",
            Self::Editor => "editor",
            Self::Moderator => "moderator",
            Self::Admin => "admin",
        }
    }

    /// Parses a stored or submitted code: `invalid_role` otherwise.
    pub fn parse(code: &str) -> Result<Self, &'static str> {
        Self::ALL
            .into_iter()
            .find(|role| role.code() == code.trim())
            .ok_or("invalid_role")
    }

    /// Whether this role includes everything `other` may do.
    pub fn includes(self, other: Role) -> bool {
        self >= other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_and_rank() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.code()), Ok(role));
        }
        assert_eq!(Role::parse("owner"), Err("invalid_role"));
        assert!(Role::Admin.includes(Role::Moderator));
        assert!(Role::Moderator.includes(Role::Moderator));
        assert!(!Role::Member.includes(Role::Moderator));
        assert!(Role::Moderator.includes(Role::Editor));
        assert!(!Role::Editor.includes(Role::Moderator));
        assert!(!Role::Member.includes(Role::Editor));
    }
}
