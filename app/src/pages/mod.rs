//! One module per page, mirroring the routes.

mod community;
mod directory;
mod home;
mod not_found;

pub use community::CommunityPage;
pub use directory::DirectoryPage;
pub use home::HomePage;
pub use not_found::NotFoundPage;
