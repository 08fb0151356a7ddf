//! Demo reports that came in through Open311 without a grid, so the staff
//! work queue shows what waiting to be placed looks like.

use linli_model::{
    account::{AccountId, Email, Login},
    matter::UnplacedReport,
};

use super::CityData;
use crate::{Error, Result, Store, clock::HOUR, matters::new_form_key};

/// Three reports from the demo resident's phone app: one whose address
/// names the first community, one naming only its street, one naming
/// nowhere Linli knows.
pub async fn load_demo_intake(store: &Store, now: i64, city: &CityData) -> Result<()> {
    let missing = || Error::Internal(anyhow::anyhow!("the demo city or resident is missing"));
    let community = city.communities.first().ok_or_else(missing)?;
    let street = city
        .streets
        .iter()
        .find(|s| s.id == community.node.parent)
        .ok_or_else(missing)?;
    let login = Login::Email(
        Email::parse("resident@linli.demo").map_err(|e| Error::Internal(anyhow::anyhow!("{e}")))?,
    );
    let reporter = store
        .credentials(&login)
        .await?
        .ok_or_else(missing)?
        .account_id;
    let reports = [
        (
            format!("{}东门外公交站", community.node.name.zh),
            "road_lighting",
            "公交站旁路灯不亮",
            "东门外公交站旁边的两盏路灯已经一周不亮了，晚上老人下车看不清台阶。",
            30,
        ),
        (
            format!("{}菜场后面的小路", street.name.zh),
            "sanitation",
            "菜场后小路垃圾堆积",
            "菜场后面的小路上堆了好几天的菜叶和泡沫箱，天热有味道，路也窄了。",
            20,
        ),
        (
            "火车站南广场出口".to_owned(),
            "public_facilities",
            "出口处栏杆松动",
            "南广场出口的护栏有一段松了，一推就晃，小孩容易靠上去。",
            5,
        ),
    ];
    for (address, category, title, description, hours_ago) in reports {
        let place = store.place_named_in(&address).await?;
        let report = UnplacedReport {
            category: category.to_owned(),
            title: title.to_owned(),
            description: description.to_owned(),
            address: Some(address),
            point: None,
            show_name: false,
            key: format!("demo-intake-{category}"),
            photos: Vec::new(),
        };
        store
            .insert_intake(
                AccountId(reporter),
                &place,
                &report,
                &new_form_key(),
                now - hours_ago * HOUR,
            )
            .await?;
    }
    Ok(())
}
