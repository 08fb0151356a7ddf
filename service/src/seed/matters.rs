//! Synthetic resident matters: a year of them for the demo city, millions
//! for benchmarks. Each has a timeline that agrees with its state, so the
//! pages, queues and statistics look as they would in a real street.

use linli_model::{
    accountability::RESPONSE_DAYS_DEFAULT,
    calendar::{WorkingCalendar, national_arrangement_2026},
    matter::Severity,
};

use super::{CityData, Progress, Rng};
use crate::{
    Result, Store,
    clock::{DAY, HOUR, Millis},
    matters::REOPEN_WINDOW,
    search,
    store::bulk::{BATCH_ROWS, Batch, Value, table},
};

/// Matters written per transaction: big enough to be fast, small enough
/// that progress moves and memory stays flat.
const CHUNK: usize = 20 * BATCH_ROWS;

/// What the matters are about, per category: (title, description).
const TOPICS: &[(&str, &[(&str, &str)])] = &[
    (
        "public_facilities",
        &[
            (
                "健身器材螺丝松动",
                "小区健身区的单杠和漫步机螺丝松了，晃得厉害，孩子玩很危险。",
            ),
            (
                "单元门禁坏了",
                "单元门禁刷卡没反应，门一直关不上，外人随便进出。",
            ),
            (
                "休息座椅断裂",
                "花园里的长椅木条断了两根，老人坐下容易划伤。",
            ),
        ],
    ),
    (
        "road_lighting",
        &[
            (
                "路灯不亮",
                "门口的路灯坏了一个多星期，晚上老人出门看不清台阶。",
            ),
            (
                "路面坑洼积水",
                "主干道上有几个大坑，下雨积水，电动车经过容易摔倒。",
            ),
            (
                "井盖松动有响声",
                "路口的井盖松了，车一压就响，晚上吵得睡不着。",
            ),
        ],
    ),
    (
        "water_power",
        &[
            ("楼道水管漏水", "楼道里的水管接口一直滴水，墙皮都泡坏了。"),
            ("自来水发黄", "这两天早上放出来的自来水发黄，不敢直接用。"),
            (
                "电动车充电桩不通电",
                "车棚的充电桩一半不通电，大家只好拉线充电，很不安全。",
            ),
        ],
    ),
    (
        "sanitation",
        &[
            (
                "垃圾桶满了没人清",
                "东门垃圾分类点的桶已经满了两天，味道很大。",
            ),
            ("楼道小广告太多", "楼道墙上贴满了小广告，清理后很快又贴上。"),
            (
                "绿化带里有建筑垃圾",
                "装修的建筑垃圾倒在绿化带里，一直没人清运。",
            ),
        ],
    ),
    (
        "greenery",
        &[
            (
                "树枝挡住窗户",
                "楼前的大树枝条伸到三楼窗户，白天屋里很暗，还有虫子。",
            ),
            (
                "草坪被踩秃了",
                "中心草坪被踩出一条路，黄土裸露，下雨一地泥。",
            ),
        ],
    ),
    (
        "noise",
        &[
            (
                "夜间施工噪音",
                "隔壁工地晚上十点以后还在施工，吵得孩子没法睡觉。",
            ),
            (
                "广场舞音响太响",
                "晚上广场舞音响开得太大，住在旁边的老人受不了。",
            ),
        ],
    ),
    (
        "safety_hazard",
        &[
            ("外墙瓷砖脱落", "外墙的瓷砖掉了几块，下面是人行道，很危险。"),
            (
                "楼道电线私拉乱接",
                "有人从楼道窗户拉电线给电动车充电，容易起火。",
            ),
        ],
    ),
    (
        "fire_lane",
        &[
            ("消防通道被占", "消防通道上停满了私家车，消防车进不来。"),
            ("楼道堆放杂物", "楼道里堆了旧家具和纸箱，堵住了安全出口。"),
        ],
    ),
    (
        "parking",
        &[
            (
                "车位被长期占用",
                "有车在公共车位停了半年没动过，轮胎都瘪了。",
            ),
            ("电动车乱停挡路", "单元门口电动车停得乱，轮椅推不过去。"),
        ],
    ),
    (
        "neighbour_dispute",
        &[
            (
                "楼上漏水影响楼下",
                "楼上卫生间漏水到我家天花板，协商几次没有结果。",
            ),
            ("邻居占用公共走廊", "邻居在公共走廊装了柜子，占了一半通道。"),
        ],
    ),
    (
        "property_management",
        &[
            ("物业不回应报修", "电梯异响报修三次了，物业一直说等配件。"),
            ("电梯经常停运", "电梯一周停了三次，楼上的老人下不了楼。"),
        ],
    ),
    (
        "elderly_care",
        &[
            (
                "独居老人需要探访",
                "隔壁独居的老人好几天没出门，想请社区上门看看。",
            ),
            ("助餐点菜太咸", "老年助餐点的菜偏咸，希望能做些少盐的。"),
        ],
    ),
    (
        "other",
        &[
            (
                "流浪猫太多",
                "小区里流浪猫越来越多，晚上叫声很大，有人被抓伤。",
            ),
            ("快递柜不够用", "快递柜经常满，包裹只能堆在门口，容易丢。"),
        ],
    ),
];

const TEAMS: &[&str] = &[
    "物业维修班",
    "社区网格员",
    "市政养护队",
    "环卫保洁组",
    "城管中队",
];
const DONE: &[&str] = &[
    "已安排维修，现场复查正常。",
    "已清理完毕，并提醒相关住户。",
    "已约谈当事人，双方达成一致。",
    "已更换配件，设施恢复使用。",
];
const REFERRALS: &[(&str, &str)] = &[
    ("区住建局", "属于房屋质量问题，由住建部门处理。"),
    ("供电公司", "属于供电设施，已转供电公司。"),
    ("市场监管所", "属于商户经营问题，由市场监管部门处理。"),
];
const COMMENTS: &[&str] = &[
    "处理得很快，谢谢！",
    "问题解决了。",
    "还可以，希望以后更及时。",
];
const SEVERITIES: [(Severity, u32); 4] = [
    (Severity::Minor, 45),
    (Severity::General, 40),
    (Severity::Larger, 12),
    (Severity::Major, 3),
];

/// Where a matter stands, and the steps that brought it there.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Fate {
    Submitted,
    Registered,
    Dispatched,
    InProgress,
    Resolved,
    Closed,
    ClosedUnrated,
    Rejected,
    Referred,
}

impl Fate {
    /// Old matters are mostly done; new ones are spread over the steps.
    fn pick(rng: &mut Rng, age_days: i64) -> Self {
        let roll = rng.between(1, 100);
        if age_days > 45 {
            match roll {
                1..=76 => Fate::Closed,
                77..=83 => Fate::ClosedUnrated,
                84..=89 => Fate::Rejected,
                90..=95 => Fate::Referred,
                96..=97 => Fate::InProgress,
                _ => Fate::Resolved,
            }
        } else if age_days > 10 {
            match roll {
                1..=70 => Fate::Closed,
                71..=78 => Fate::Resolved,
                79..=84 => Fate::Rejected,
                85..=90 => Fate::Referred,
                91..=95 => Fate::InProgress,
                96..=98 => Fate::Dispatched,
                _ => Fate::Registered,
            }
        } else {
            match roll {
                1..=15 => Fate::Submitted,
                16..=28 => Fate::Registered,
                29..=43 => Fate::Dispatched,
                44..=60 => Fate::InProgress,
                61..=74 => Fate::Resolved,
                75..=92 => Fate::Closed,
                93..=96 => Fate::Rejected,
                _ => Fate::Referred,
            }
        }
    }

    /// Where the step of timeline entry `kind` leaves a matter.
    fn after(kind: &str) -> Self {
        match kind {
            "registered" => Fate::Registered,
            "dispatched" => Fate::Dispatched,
            "started" => Fate::InProgress,
            "resolved" => Fate::Resolved,
            "rated" => Fate::Closed,
            "closed_unrated" => Fate::ClosedUnrated,
            "rejected" => Fate::Rejected,
            "referred" => Fate::Referred,
            _ => Fate::Submitted,
        }
    }

    fn state(self) -> &'static str {
        match self {
            Fate::Submitted => "submitted",
            Fate::Registered => "registered",
            Fate::Dispatched => "dispatched",
            Fate::InProgress => "in_progress",
            Fate::Resolved => "resolved",
            Fate::Closed | Fate::ClosedUnrated => "closed",
            Fate::Rejected => "rejected",
            Fate::Referred => "referred",
        }
    }

    fn reached(self, step: Fate) -> bool {
        let order = |f: Fate| match f {
            Fate::Submitted | Fate::Rejected | Fate::Referred => 0,
            Fate::Registered => 1,
            Fate::Dispatched => 2,
            Fate::InProgress => 3,
            Fate::Resolved => 4,
            Fate::Closed | Fate::ClosedUnrated => 5,
        };
        order(self) >= order(step) && order(step) > 0
    }
}

struct MatterSeed {
    id: i64,
    community: String,
    grid: String,
    category: &'static str,
    title: String,
    description: &'static str,
    reporter: i64,
    show_name: bool,
    fate: Fate,
    severity: Option<Severity>,
    level: &'static str,
    deadline_at: Option<Millis>,
    overdue: bool,
    team: Option<&'static str>,
    referred_to: Option<&'static str>,
    rating: Option<i32>,
    rating_comment: Option<&'static str>,
    created_at: Millis,
    updated_at: Millis,
    resolved_at: Option<Millis>,
    closed_at: Option<Millis>,
    response_due_at: Millis,
    responded_at: Option<Millis>,
    escalations: i32,
    events: Vec<(&'static str, &'static str, Option<String>, Millis)>,
}

fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> &'a T {
    &items[rng.between(0, items.len() as u32 - 1) as usize]
}

fn severity(rng: &mut Rng) -> Severity {
    let mut roll = rng.between(1, 100);
    for (s, share) in SEVERITIES {
        if roll <= share {
            return s;
        }
        roll -= share;
    }
    Severity::General
}

/// How well a community answers its residents. The demo needs good and
/// bad ones side by side, or the league tables would be a tie.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Quality {
    Good,
    Middling,
    Poor,
}

impl Quality {
    /// Fixed per community (a hash of its code), so every run agrees.
    fn of(community: &str) -> Self {
        let hash = community.bytes().fold(0x811c_9dc5u32, |h, b| {
            (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
        });
        match hash % 10 {
            0..=3 => Quality::Good,
            4..=7 => Quality::Middling,
            _ => Quality::Poor,
        }
    }

    /// Hours until the first answer.
    fn answer_hours(self, rng: &mut Rng) -> u32 {
        match self {
            Quality::Good => rng.between(1, 8),
            Quality::Middling => rng.between(1, 30),
            Quality::Poor => rng.between(6, 72),
        }
    }

    /// Hours of work once started.
    fn work_hours(self, rng: &mut Rng) -> u32 {
        match self {
            Quality::Good => rng.between(4, 60),
            Quality::Middling => rng.between(4, 120),
            Quality::Poor => rng.between(24, 360),
        }
    }

    fn stars(self, rng: &mut Rng) -> i32 {
        let roll = rng.between(1, 100);
        let (five, four, three, two) = match self {
            Quality::Good => (65, 92, 97, 99),
            Quality::Middling => (50, 82, 92, 97),
            Quality::Poor => (25, 50, 72, 88),
        };
        match roll {
            r if r <= five => 5,
            r if r <= four => 4,
            r if r <= three => 3,
            r if r <= two => 2,
            _ => 1,
        }
    }
}

/// The level a matter of `severity` reaches after `escalations` steps up.
fn level_of(severity: Option<Severity>, escalations: i32) -> &'static str {
    let base = severity.map_or(0, |s| match s.level() {
        linli_model::matter::Level::Community => 0,
        linli_model::matter::Level::Street => 1,
        linli_model::matter::Level::District => 2,
    });
    ["community", "street", "district"][(base + escalations as usize).min(2)]
}

fn generate_one(
    rng: &mut Rng,
    city: &CityData,
    id: i64,
    reporters: &[i64],
    now: Millis,
    span_days: i64,
    calendar: &WorkingCalendar,
) -> MatterSeed {
    let grid = &city.grids[rng.between(0, city.grids.len() as u32 - 1) as usize];
    let community = grid.node.code[..17].to_owned();
    let quality = Quality::of(&community);
    let (category, topics) = *pick(rng, TOPICS);
    let (title, description) = *pick(rng, topics);
    // Older matters are rarer than new ones: the portal grows.
    let age_ms = (rng.next_u64() % (span_days as u64 * DAY as u64)) as i64;
    let age_ms = age_ms * rng.between(25, 100) as i64 / 100;
    let created_at = now - age_ms.max(HOUR);
    let fate = Fate::pick(rng, age_ms / DAY);
    let building = rng.between(1, 30);
    let title = format!("{building}幢{title}");
    let mut events = vec![("reported", "submitted", None, created_at)];
    let mut t = created_at + i64::from(quality.answer_hours(rng)) * HOUR;
    let answered_at = t;
    let mut severity_now = None;
    let mut deadline_at = None;
    let mut team = None;
    let mut referred_to = None;
    let (mut rating, mut rating_comment, mut resolved_at, mut closed_at) = (None, None, None, None);
    match fate {
        Fate::Rejected => events.push((
            "rejected",
            "rejected",
            Some("重复反映，已在其他事项中处理。".to_owned()),
            t,
        )),
        Fate::Referred => {
            let (to, why) = *pick(rng, REFERRALS);
            referred_to = Some(to);
            events.push(("referred", "referred", Some(why.to_owned()), t));
        }
        _ => {}
    }
    if fate.reached(Fate::Registered) {
        let s = severity(rng);
        severity_now = Some(s);
        deadline_at = Some(calendar.deadline_after(t, s.default_working_days()));
        events.push(("registered", "registered", None, t));
        t += i64::from(rng.between(1, 12)) * HOUR;
    }
    if fate.reached(Fate::Dispatched) {
        let chosen = *pick(rng, TEAMS);
        team = Some(chosen);
        events.push(("dispatched", "dispatched", Some(chosen.to_owned()), t));
        t += i64::from(rng.between(1, 24)) * HOUR;
    }
    if fate.reached(Fate::InProgress) {
        events.push(("started", "in_progress", None, t));
        t += i64::from(quality.work_hours(rng)) * HOUR;
    }
    if fate.reached(Fate::Resolved) {
        resolved_at = Some(t);
        events.push((
            "resolved",
            "resolved",
            Some((*pick(rng, DONE)).to_owned()),
            t,
        ));
        t += i64::from(rng.between(2, 72)) * HOUR;
    }
    if fate == Fate::Closed {
        let stars = quality.stars(rng);
        let comment = rng.chance(40).then(|| *pick(rng, COMMENTS));
        rating = Some(stars);
        rating_comment = comment;
        closed_at = Some(t);
        let note = match comment {
            Some(c) => format!("{stars}★ {c}"),
            None => format!("{stars}★"),
        };
        events.push(("rated", "closed", Some(note), t));
    } else if matches!(fate, Fate::ClosedUnrated | Fate::Resolved) {
        // Nobody rated it: the watch closes it when the reopening window
        // ends (the step is dropped below while that lies ahead).
        t = resolved_at.unwrap_or(t) + REOPEN_WINDOW;
        closed_at = Some(t);
        events.push(("closed_unrated", "closed", None, t));
    }
    // Events never lie in the future: a matter whose story runs past now
    // is where its last step so far left it.
    events.retain(|e| e.3 <= now);
    let fate = events.last().map_or(Fate::Submitted, |e| Fate::after(e.0));
    if !fate.reached(Fate::Registered) {
        severity_now = None;
        deadline_at = None;
    }
    if !fate.reached(Fate::Dispatched) {
        team = None;
    }
    if !fate.reached(Fate::Resolved) {
        resolved_at = None;
    }
    if !matches!(fate, Fate::Closed | Fate::ClosedUnrated) {
        (closed_at, rating, rating_comment) = (None, None, None);
    }
    // Each deadline that passed before the matter was resolved (or before
    // now, while it is open) sent it one level up with a new deadline, as
    // the watch does, until it sat flagged at the top: the city is one the
    // watch has kept, with nothing left for its next round.
    let finished_by = resolved_at.unwrap_or(now);
    let mut escalations = 0;
    while let (Some(due), Some(s)) = (deadline_at, severity_now) {
        let flagged_at_top = escalations > 0 && level_of(severity_now, escalations) == "district";
        if due >= finished_by || flagged_at_top {
            break;
        }
        let state = events
            .iter()
            .filter(|e| e.3 <= due)
            .max_by_key(|e| e.3)
            .map_or("registered", |e| e.1);
        events.push(("escalated", state, None, due));
        escalations += 1;
        deadline_at = Some(calendar.deadline_after(due, s.default_working_days()));
    }
    let open_with_deadline = matches!(fate, Fate::Registered | Fate::Dispatched | Fate::InProgress);
    let overdue = open_with_deadline && escalations > 0;
    events.sort_by_key(|e| e.3);
    let updated_at = events.last().map_or(created_at, |e| e.3);
    MatterSeed {
        id,
        community,
        grid: grid.node.code.clone(),
        category,
        title,
        description,
        reporter: *pick(rng, reporters),
        show_name: rng.chance(30),
        fate,
        severity: severity_now,
        level: level_of(severity_now, escalations),
        deadline_at,
        overdue,
        team,
        referred_to,
        rating,
        rating_comment,
        created_at,
        updated_at,
        resolved_at,
        closed_at,
        response_due_at: calendar.deadline_after(created_at, RESPONSE_DAYS_DEFAULT),
        responded_at: (fate != Fate::Submitted && answered_at <= now).then_some(answered_at),
        escalations,
        events,
    }
}

fn matter_values(m: &MatterSeed) -> Vec<Value> {
    vec![
        Value::Id(m.id),
        Value::Text(m.community.clone()),
        Value::Text(m.grid.clone()),
        Value::Text(m.category.to_owned()),
        Value::Text(m.title.clone()),
        Value::Text(m.description.to_owned()),
        Value::MaybeText(None),
        Value::MaybeReal(None),
        Value::MaybeReal(None),
        Value::Id(m.reporter),
        Value::Int(i32::from(m.show_name)),
        Value::Text(m.fate.state().to_owned()),
        Value::MaybeText(m.severity.map(|s| s.as_str().to_owned())),
        Value::Text(m.level.to_owned()),
        Value::MaybeId(m.deadline_at),
        Value::Int(i32::from(m.overdue)),
        Value::MaybeText(m.team.map(str::to_owned)),
        Value::MaybeText(m.referred_to.map(str::to_owned)),
        Value::MaybeInt(m.rating),
        Value::MaybeText(m.rating_comment.map(str::to_owned)),
        Value::Text(format!("seed-{}", m.id)),
        Value::Id(m.created_at),
        Value::Id(m.updated_at),
        Value::MaybeId(m.resolved_at),
        Value::MaybeId(m.closed_at),
        Value::Id(m.response_due_at),
        Value::MaybeId(m.responded_at),
        Value::Int(m.escalations),
        Value::Text(seed_channel(m.id).as_str().to_owned()),
    ]
}

/// How a generated matter came in: about one in eight by phone and one in
/// seventeen at the counter, as at a service station with many elderly
/// residents. From the id, so the other generated figures stay as they
/// were.
fn seed_channel(id: i64) -> linli_model::channel::Channel {
    use linli_model::channel::Channel;
    if id % 17 == 0 {
        Channel::InPerson
    } else if id % 8 == 3 {
        Channel::Phone
    } else {
        Channel::Online
    }
}

/// Adds `count` matters to a loaded city, reported by `reporters` accounts
/// it creates, dated over the `span_days` before `now`. Deterministic for
/// a given city, count and time.
pub async fn load_matters(
    store: &Store,
    city: &CityData,
    count: u64,
    now: Millis,
    span_days: i64,
    progress: &dyn Progress,
) -> Result<()> {
    progress.start(count);
    let reporters = store
        .seed_reporters((count / 20).clamp(20, 20_000) as usize, now)
        .await?;
    let first = store.next_matter_id().await?;
    let engine = store.engine();
    let mut rng = Rng::new(0x6d61_7474_6572 ^ count);
    // A new city's districts have changed nothing of the national calendar.
    let calendar = WorkingCalendar::new(national_arrangement_2026());
    let mut written = 0u64;
    store.bulk_cache(true).await?;
    while written < count {
        let n = (count - written).min(CHUNK as u64) as i64;
        let start = first + written as i64;
        let matters: Vec<MatterSeed> = (0..n)
            .map(|i| {
                generate_one(
                    &mut rng,
                    city,
                    start + i,
                    &reporters,
                    now,
                    span_days,
                    &calendar,
                )
            })
            .collect();
        let events: Vec<(i64, &'static str, &'static str, Option<String>, Millis)> = matters
            .iter()
            .flat_map(|m| m.events.iter().map(|e| (m.id, e.0, e.1, e.2.clone(), e.3)))
            .collect();
        let terms: Vec<(i64, String)> = matters
            .iter()
            .map(|m| {
                (
                    m.id,
                    search::matter_terms(&format!("{} {}", m.title, m.description), &m.grid),
                )
            })
            .collect();
        let search_rows = crate::store::search_rows(engine, &terms);
        let batches: Vec<Batch> = table(
            "matter (matter_id, community_code, grid_code, category_code, title, description, address, \
             latitude, longitude, reporter_id, show_name, state, severity, level, deadline_at, overdue, \
             handler_team, referred_to, rating, rating_comment, idempotency_key, created_at, updated_at, \
             resolved_at, closed_at, response_due_at, responded_at, escalations, channel)",
            &matters,
            matter_values,
        )
        .chain(table(
            "matter_event (matter_id, kind, state_after, note, created_at)",
            &events,
            |e| {
                vec![
                    Value::Id(e.0),
                    Value::Text(e.1.to_owned()),
                    Value::Text(e.2.to_owned()),
                    Value::MaybeText(e.3.clone()),
                    Value::Id(e.4),
                ]
            },
        ))
        .chain(search_rows)
        .collect();
        store.insert_batches(&batches).await?;
        written += n as u64;
        progress.advance(n as u64);
    }
    store.bulk_cache(false).await?;
    store.after_bulk_matters().await?;
    progress.finish();
    Ok(())
}
