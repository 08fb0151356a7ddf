//! Social organisations (社会组织) that register, get verified and bid on
//! community projects.

mod credit_code;
mod profile;

pub use credit_code::{Authority, CREDIT_CODE_LEN, CreditCode, CreditCodeError};
pub use profile::{
    AREAS_MAX, DeliveredProject, NewOrganisation, OrganisationContact, OrganisationForm,
    OrganisationStatus, OrganisationView, ServiceArea, TrackRecord, parse_areas,
};
