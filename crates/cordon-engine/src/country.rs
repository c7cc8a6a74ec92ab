//! Country names and ISO 3166-1 alpha-2 codes.
