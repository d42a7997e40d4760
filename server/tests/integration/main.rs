//! One integration-test binary for the server. Every database test runs twice, once on a fresh
//! SQLite file and once on a fresh PostgreSQL database, through the `on_both_databases!` macro.

mod support;

mod account_api;
mod account_recovery;
mod accounts;
mod alerts;
mod auction_setup;
mod auctions;
mod bidding;
mod booths;
mod catalogue;
mod cli;
mod events;
mod fuzz;
mod http;
mod images;
mod inquiries;
mod introductions;
mod listing_lifecycle;
mod mail;
mod matching;
mod news;
mod notifications;
mod object_store;
mod operations;
mod page_cache;
mod pages;
mod processes;
mod push;
mod rate_limits;
mod registrations;
mod search;
mod search_judgements;
mod search_meaning;
mod seed;
mod stall_applications;
mod stall_team;
mod startups;
mod statistics;
mod stats;
mod videos;
