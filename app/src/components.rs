//! Reusable view pieces.

pub mod cards;
pub mod chart;
pub mod form;
pub mod header;
pub mod language_switch;
pub mod layout;
pub mod matches;
pub mod pagination;
