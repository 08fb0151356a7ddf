//! Social organisations (社会组织) that register, get verified and bid on
//! community projects.

mod credit_code;

pub use credit_code::{Authority, CREDIT_CODE_LEN, CreditCode, CreditCodeError};
