//! The demo city's needs, resources and responsibilities. Needs and
//! resources are made through the service, as staff would; the demo
//! community's projects (seed::projects) then name them. Every grid of the
//! city gets its posted grid leader, grid worker and police officer in one
//! bulk load.

use linli_model::{
    matter::MatterFilter,
    need::{NeedForm, NeedSource},
    resource::ResourceForm,
    responsibility::ResponsibilityForm,
    tree::CommunityCode,
};

use super::{CityData, Rng, accounts::signed};
use crate::{
    Error, Result, Store,
    clock::ManualClock,
    items::Items,
    lists::Lists,
    policy::Actor,
    store::bulk::{Batch, Value, table},
};

/// What the demo projects link to.
#[derive(Debug, Clone, Copy, Default)]
pub struct DemoLinks {
    pub canteen_need: Option<i64>,
    pub class_need: Option<i64>,
    pub stairs_need: Option<i64>,
    pub ramp_need: Option<i64>,
    pub centre: Option<i64>,
    pub library: Option<i64>,
    pub volunteers: Option<i64>,
    pub fund: Option<i64>,
}

fn internal(what: &str) -> impl Fn(Error) -> Error + '_ {
    move |e| Error::Internal(anyhow::anyhow!("demo lists, {what}: {e:?}"))
}

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
    "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧",
];
const GIVEN: &[&str] = &[
    "建国", "秀英", "丽华", "志强", "海燕", "国平", "晓东", "春梅", "伟", "芳", "敏", "静", "磊",
    "军", "洋", "艳", "杰", "娟", "涛", "明", "超", "霞", "平", "刚", "桂英", "玉兰", "文斌",
    "红梅", "建华", "雪梅",
];

/// Needs heard in the street's other communities.
const STREET_NEEDS: &[(&str, &str, &str)] = &[
    (
        "老年活动室座位不够",
        "下午打牌、下棋、听戏的老人多，活动室只有二十个座位，常有人站着或回家。",
        "culture",
    ),
    (
        "非机动车棚充电口不足",
        "电动自行车多，车棚只有十几个充电口，有居民从楼上拉线充电，存在火灾隐患。",
        "safety",
    ),
    (
        "小区里缺少儿童游乐设施",
        "小区新搬来不少年轻家庭，孩子放学后只能在停车场边玩，家长担心安全。",
        "children",
    ),
    (
        "独居老人希望有人定期探访",
        "子女在外地的独居老人不少，希望有志愿者每周上门看看、聊聊天、帮忙买菜。",
        "elderly",
    ),
];

fn person(rng: &mut Rng) -> String {
    let s = SURNAMES[rng.between(0, SURNAMES.len() as u32 - 1) as usize];
    let g = GIVEN[rng.between(0, GIVEN.len() as u32 - 1) as usize];
    format!("{s}{g}")
}

fn mobile(rng: &mut Rng) -> String {
    format!("139{:08}", rng.between(0, 99_999_999))
}

fn need(title: &str, detail: &str, category: &str, affected: u32, source: NeedSource) -> NeedForm {
    NeedForm {
        title: title.into(),
        detail: detail.into(),
        category: category.into(),
        affected: if affected == 0 {
            String::new()
        } else {
            affected.to_string()
        },
        source: source.kind().into(),
        source_id: source.id().map(|i| i.to_string()).unwrap_or_default(),
    }
}

fn venue(
    name: &str,
    detail: &str,
    area: u32,
    hours: &str,
    accessible: bool,
    bookable: bool,
) -> ResourceForm {
    ResourceForm {
        kind: "venue".into(),
        name: name.into(),
        detail: detail.into(),
        owner: "社区居委会".into(),
        contact: "社区党群服务中心值班电话 0574-8765 4321".into(),
        area_m2: area.to_string(),
        opening_hours: hours.into(),
        accessible: accessible.then(|| "on".into()),
        bookable: bookable.then(|| "on".into()),
        ..ResourceForm::default()
    }
}

fn other(kind: &str, name: &str, detail: &str, owner: &str) -> ResourceForm {
    ResourceForm {
        kind: kind.into(),
        name: name.into(),
        detail: detail.into(),
        owner: owner.into(),
        contact: "社区居委会转 0574-8765 4321".into(),
        ..ResourceForm::default()
    }
}

/// The first matter of `community` whose title has `word`, or its newest.
async fn matter_about(
    store: &Store,
    community: &CommunityCode,
    word: &str,
    now: i64,
) -> Option<i64> {
    for text in [Some(word.to_owned()), None] {
        let filter = MatterFilter {
            place: Some(community.to_string()),
            text,
            ..MatterFilter::default()
        };
        if let Ok(page) = store.matters(&filter, None, 1, now).await
            && let Some(m) = page.items.first()
        {
            return Some(m.id);
        }
    }
    None
}

/// Needs and resources of the demo community and its street, and the
/// city's grid responsibilities.
pub async fn load_demo_lists(store: &Store, now: i64, city: &CityData) -> Result<DemoLinks> {
    let staff = signed(store, "staff@linli.demo").await?;
    let street = signed(store, "street@linli.demo").await?;
    let clock = ManualClock::new(now - 90 * crate::clock::DAY);
    let lists = Lists {
        store,
        clock: &clock,
    };
    let first = city
        .communities
        .first()
        .ok_or_else(|| Error::Internal(anyhow::anyhow!("the city has no community")))?;
    let community = CommunityCode::parse(&first.node.code)
        .map_err(|e| Error::Internal(anyhow::anyhow!("demo community code: {e}")))?;
    let mut links = DemoLinks::default();

    let add = |form: NeedForm| {
        let lists = lists.clone();
        let staff = staff.clone();
        let community = community.clone();
        async move { lists.add_need(&staff, &community, &form).await }
    };
    let stairs_matter = matter_about(store, &community, "楼道", now).await;
    links.canteen_need = Some(
        add(need(
            "独居和高龄老人午饭没有着落",
            "入户走访发现，社区 80 岁以上和独居老人中有不少人午饭凑合，子女不在身边，希望就近有助餐点，行动不便的能送餐上门。",
            "elderly",
            86,
            NeedSource::Staff,
        ))
        .await
        .map_err(internal("canteen need"))?,
    );
    clock.advance(3 * crate::clock::DAY);
    links.class_need = Some(
        add(need(
            "双职工家庭孩子放学后无人照看",
            "小学 15:30 放学，家长 18:00 后才下班。家长会上三十多户提出希望社区提供安全的课后看护和作业辅导。",
            "children",
            34,
            NeedSource::Staff,
        ))
        .await
        .map_err(internal("class need"))?,
    );
    clock.advance(5 * crate::clock::DAY);
    let stairs_source = stairs_matter.map_or(NeedSource::Staff, NeedSource::Matter);
    links.stairs_need = Some(
        add(need(
            "老楼楼道昏暗、没有扶手",
            "12 幢无电梯老楼的楼道夜间照明不足、台阶没有扶手，老人上下楼容易摔倒。居民反映后网格员逐幢核实。",
            "facilities",
            260,
            stairs_source,
        ))
        .await
        .map_err(internal("stairs need"))?,
    );
    for (title, detail, category, affected) in [
        (
            "小区出入口缺少无障碍坡道",
            "东门和南门都有三级台阶，轮椅和婴儿车进出要人抬，残疾居民和老人出门很不方便。",
            "disability",
            48,
        ),
        (
            "下岗和待业居民想学一门手艺",
            "社区登记的待业居民中，不少人希望参加育婴、家政、电商等技能培训，并得到就业推荐。",
            "employment",
            57,
        ),
        (
            "垃圾分类投放点夜间无人值守",
            "晚上 8 点后投放点无人指导，混投和乱堆较多，气味影响周边住户。",
            "environment",
            420,
        ),
    ] {
        clock.advance(4 * crate::clock::DAY);
        let id = add(need(title, detail, category, affected, NeedSource::Staff))
            .await
            .map_err(internal("open need"))?;
        links.ramp_need = links.ramp_need.or(Some(id));
    }

    let staff_add = |form: ResourceForm| {
        let lists = lists.clone();
        let staff = staff.clone();
        let community = community.clone();
        async move { lists.add_resource(&staff, &community, &form).await }
    };
    links.centre = Some(
        staff_add(venue(
            "社区党群服务中心",
            "一楼为办事大厅和长者食堂，二楼有多功能厅（可坐 80 人）、舞蹈室和会议室，三楼为社工站。",
            1800,
            "周一至周日 8:30–20:30",
            true,
            true,
        ))
        .await
        .map_err(internal("centre"))?,
    );
    links.library = Some(
        staff_add(venue(
            "社区图书室",
            "藏书约六千册，有 24 个阅览座位和儿童绘本区，放学后供孩子写作业。",
            120,
            "周二至周日 9:00–18:30",
            true,
            false,
        ))
        .await
        .map_err(internal("library"))?,
    );
    let mut team = other(
        "volunteers",
        "红马甲志愿服务队",
        "由退休党员和热心居民组成，负责楼道巡查、助老陪伴和垃圾分类督导。",
        "社区居委会",
    );
    team.members = "46".into();
    links.volunteers = Some(staff_add(team).await.map_err(internal("volunteers"))?);
    let mut fund = other(
        "fund",
        "民生微实事专项资金（本年度）",
        "用于居民提出、居民议事会确定的小型民生项目，单个项目一般不超过 20 万元。",
        "街道办事处",
    );
    fund.amount = "500000".into();
    links.fund = Some(staff_add(fund).await.map_err(internal("fund"))?);
    staff_add(other(
        "service",
        "家庭医生签约服务",
        "社区卫生服务站的全科医生团队，每周二、四上午在党群服务中心坐诊，可预约上门。",
        "街道社区卫生服务中心",
    ))
    .await
    .map_err(internal("doctor"))?;

    // The other communities of the demo street: a need and a venue each,
    // entered by the street's officer, so the street's lists have breadth.
    let street_code = &first.node.code[..9];
    for (i, c) in city
        .communities
        .iter()
        .skip(1)
        .filter(|c| c.node.code.starts_with(street_code))
        .enumerate()
    {
        let code = CommunityCode::parse(&c.node.code)
            .map_err(|e| Error::Internal(anyhow::anyhow!("community code: {e}")))?;
        clock.advance(crate::clock::DAY);
        let (title, detail, category) = STREET_NEEDS[i % STREET_NEEDS.len()];
        lists
            .add_need(
                &street,
                &code,
                &need(
                    title,
                    detail,
                    category,
                    40 + (c.population.max(0) as u32 % 160),
                    NeedSource::Staff,
                ),
            )
            .await
            .map_err(internal("street need"))?;
        lists
            .add_resource(
                &street,
                &code,
                &venue(
                    &format!("{}居民活动室", c.node.name.zh),
                    "一楼临街，有桌椅、电视和饮水机，可开展小型活动和议事会。",
                    150 + (c.households.max(0) as u32 % 200),
                    "每天 8:00–21:00",
                    c.households % 2 == 0,
                    true,
                ),
            )
            .await
            .map_err(internal("street venue"))?;
    }

    item_leads(&lists, &staff, &community).await?;
    grid_duties(store, city, now).await?;
    size_exceptions(store, city).await?;
    Ok(links)
}

/// A few places of the demo city outside the size standards, as a real
/// city has them: communities that have outgrown the rule or shrunk below
/// it, grids and a micro-grid drawn too big or too small.
async fn size_exceptions(store: &Store, city: &CityData) -> Result<()> {
    let update = |sql: &str, households: i32, code: &str| Batch {
        sql: sql.to_owned(),
        values: vec![Value::Int(households), Value::Text(code.to_owned())],
        rows: 1,
    };
    let mut batches = Vec::new();
    for (index, households) in [(3, 6_400), (7, 4_600), (11, 850)] {
        if let Some(c) = city.communities.get(index) {
            batches.push(Batch {
                sql: "UPDATE community SET households = $1, population = $2 WHERE code = $3"
                    .to_owned(),
                values: vec![
                    Value::Int(households),
                    Value::Int(households * 28 / 10),
                    Value::Text(c.node.code.clone()),
                ],
                rows: 1,
            });
        }
    }
    for (index, households) in [(5, 560), (9, 260)] {
        if let Some(g) = city.grids.get(index) {
            batches.push(update(
                "UPDATE grid SET households = $1 WHERE code = $2",
                households,
                &g.node.code,
            ));
        }
    }
    if let Some(m) = city.micro_grids.get(4) {
        batches.push(update(
            "UPDATE micro_grid SET households = $1 WHERE code = $2",
            96,
            &m.node.code,
        ));
    }
    store.insert_batches(&batches).await
}

/// Who answers for the demo community's first duties and assists.
async fn item_leads(lists: &Lists<'_>, staff: &Actor, community: &CommunityCode) -> Result<()> {
    let items = Items { store: lists.store }.list(community).await?;
    let leads = [
        "社区党委书记 陈晓东",
        "社区居委会主任 林海燕",
        "社区专职社工 周敏",
        "社区专职社工 吴涛",
    ];
    for (item, lead) in items.iter().filter(|i| i.kind.is_positive()).zip(leads) {
        let form = ResponsibilityForm {
            duty: "item_lead".into(),
            subject: item.id.to_string(),
            name: lead.into(),
            phone: "0574-8765 4321".into(),
        };
        lists
            .add_responsibility(staff, community, &form)
            .await
            .map_err(internal("item lead"))?;
    }
    Ok(())
}

/// Every grid's posted leader and worker, and its community's police
/// officer, loaded in bulk. As in a real city some fall short of the
/// standards board's rules: a grid in twenty has no worker posted, and a
/// community in ten has not touched its list for over a year.
async fn grid_duties(store: &Store, city: &CityData, now: i64) -> Result<()> {
    let mut rng = Rng::new(0x4455_5459);
    let mut rows: Vec<(String, &'static str, String, String, String, i64)> = Vec::new();
    let mut police: Option<(String, String, String)> = None;
    let mut written = now;
    for grid in &city.grids {
        let community = grid.node.code[..17].to_owned();
        if police.as_ref().is_none_or(|(c, _, _)| *c != community) {
            written = if rng.chance(10) {
                now - i64::from(rng.between(370, 700)) * crate::clock::DAY
            } else {
                now - i64::from(rng.between(1, 200)) * crate::clock::DAY
            };
            police = Some((
                community.clone(),
                format!("{}（民警）", person(&mut rng)),
                mobile(&mut rng),
            ));
        }
        let code = &grid.node.code;
        let duties: &[&'static str] = if rng.chance(5) {
            &["grid_leader"]
        } else {
            &["grid_leader", "grid_worker"]
        };
        for duty in duties {
            rows.push((
                community.clone(),
                duty,
                code.clone(),
                person(&mut rng),
                mobile(&mut rng),
                written,
            ));
        }
        if let Some((_, name, phone)) = &police {
            rows.push((
                community,
                "police",
                code.clone(),
                name.clone(),
                phone.clone(),
                written,
            ));
        }
    }
    let batches: Vec<Batch> = table(
        "responsibility (community_code, duty, grid_code, list_item_id, name, phone, created_by, created_at)",
        &rows,
        |r| {
            vec![
                Value::Text(r.0.clone()),
                Value::Text(r.1.to_owned()),
                Value::MaybeText(Some(r.2.clone())),
                Value::MaybeId(None),
                Value::Text(r.3.clone()),
                Value::Text(r.4.clone()),
                Value::MaybeId(None),
                Value::Id(r.5),
            ]
        },
    )
    .collect();
    store.insert_batches(&batches).await
}
