//! Texts of the working-day calendar, one catalogue per language.

use super::lists::Choices;
use linli_model::{Lang, calendar::Day};

pub struct CalendarText {
    pub heading: &'static str,
    /// The district page's heading over the same list.
    pub days_heading: &'static str,
    pub lead: &'static str,
    pub year: fn(i32) -> String,
    pub days_off: &'static str,
    pub worked: &'static str,
    /// Marks what a district set for itself.
    pub local: &'static str,
    pub date: fn(Day) -> String,
    pub run: fn(Day, Day) -> String,
    pub empty: &'static str,
    pub page_title: fn(&str) -> String,
    /// The link to the calendar for those who may change it…
    pub see_all: &'static str,
    /// …and for everyone else.
    pub see: &'static str,
    pub set_heading: &'static str,
    pub set_hint: &'static str,
    pub day_label: &'static str,
    pub kind_label: &'static str,
    pub kinds: Choices,
    pub festival_label: &'static str,
    /// Every holiday by its stored name: the form's choices and the list's headings.
    pub festivals: Choices,
    pub save: &'static str,
    pub local_heading: &'static str,
    pub local_empty: &'static str,
    pub remove: &'static str,
    pub remove_label: fn(Day) -> String,
    pub read_only: &'static str,
}

pub fn texts(lang: Lang) -> &'static CalendarText {
    match lang {
        Lang::ZhCn => &ZH,
        Lang::En => &EN,
    }
}

pub fn use_ct() -> &'static CalendarText {
    texts(super::use_lang())
}

static ZH: CalendarText = CalendarText {
    heading: "工作日历",
    days_heading: "节假日与调休",
    lead: "办理时限按工作日计算：周末和法定节假日不算，调休上班的日子照常计算。下面列出和平常不一样的日子。",
    year: |y| format!("{y}年"),
    days_off: "放假",
    worked: "调休上班",
    local: "本区调整",
    date: |d| {
        let (_, m, day) = d.ymd();
        let week = ["一", "二", "三", "四", "五", "六", "日"][usize::from(d.weekday())];
        format!("{m}月{day}日（周{week}）")
    },
    run: |from, to| {
        if from == to {
            (ZH.date)(from)
        } else {
            format!(
                "{}至{}，共{}天",
                (ZH.date)(from),
                (ZH.date)(to),
                from.days_through(to)
            )
        }
    },
    empty: "未来一年还没有录入节假日安排。区级工作人员录入后，办理时限会自动避开节假日。",
    page_title: |name| format!("{name}工作日历"),
    see_all: "查看和调整工作日历",
    see: "查看工作日历",
    set_heading: "添加或修改一天",
    set_hint: "选好日期，说明这一天放假还是调休上班。同一天再保存一次就是修改。本区的设置优先于全国安排，之后登记的事项按新日历计算时限。",
    day_label: "日期",
    kind_label: "这一天",
    kinds: &[("holiday", "放假"), ("workday", "调休上班")],
    festival_label: "属于哪个假日",
    festivals: &[
        ("new-year", "元旦"),
        ("spring-festival", "春节"),
        ("qingming", "清明节"),
        ("labour-day", "劳动节"),
        ("dragon-boat", "端午节"),
        ("mid-autumn", "中秋节"),
        ("national-day", "国庆节"),
        ("local", "本区假日"),
    ],
    save: "保存这一天",
    local_heading: "本区调整过的日子",
    local_empty: "本区没有调整，按全国安排执行。",
    remove: "撤销",
    remove_label: |d| format!("撤销{}的调整", (ZH.date)(d)),
    read_only: "工作日历由区级工作人员维护。",
};

static EN: CalendarText = CalendarText {
    heading: "Working-day calendar",
    days_heading: "Holidays and make-up working days",
    lead: "Deadlines count working days: weekends and public holidays do not count, make-up working days do. These are the days that differ from a usual week.",
    year: |y| y.to_string(),
    days_off: "Days off",
    worked: "Make-up working days",
    local: "set by the district",
    date: |d| {
        let (_, m, day) = d.ymd();
        let week = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][usize::from(d.weekday())];
        let month = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ][(m as usize).saturating_sub(1) % 12];
        format!("{week} {day} {month}")
    },
    run: |from, to| {
        if from == to {
            (EN.date)(from)
        } else {
            format!(
                "{} – {} ({} days)",
                (EN.date)(from),
                (EN.date)(to),
                from.days_through(to)
            )
        }
    },
    empty: "No holiday arrangement has been entered for the coming year yet. Once district staff enter it, deadlines skip the holidays by themselves.",
    page_title: |name| format!("Working-day calendar of {name}"),
    see_all: "See and change the working-day calendar",
    see: "See the working-day calendar",
    set_heading: "Add or change a day",
    set_hint: "Pick a date and say whether it is a day off or a make-up working day; saving the same date again changes it. The district's days take precedence over the national arrangement, and matters taken on from now on are due by the new calendar.",
    day_label: "Date",
    kind_label: "This day is",
    kinds: &[
        ("holiday", "A day off"),
        ("workday", "A make-up working day"),
    ],
    festival_label: "Holiday",
    festivals: &[
        ("new-year", "New Year's Day"),
        ("spring-festival", "Spring Festival"),
        ("qingming", "Qingming Festival"),
        ("labour-day", "Labour Day"),
        ("dragon-boat", "Dragon Boat Festival"),
        ("mid-autumn", "Mid-Autumn Festival"),
        ("national-day", "National Day"),
        ("local", "District holiday"),
    ],
    save: "Save this day",
    local_heading: "Days the district changed",
    local_empty: "The district follows the national arrangement unchanged.",
    remove: "Remove",
    remove_label: |d| format!("Remove the change on {}", (EN.date)(d)),
    read_only: "District staff look after the working-day calendar.",
};

#[cfg(test)]
mod tests {
    use linli_model::calendar::Festival;

    use super::*;

    #[test]
    fn every_holiday_has_a_name_in_both_languages() {
        for lang in [Lang::ZhCn, Lang::En] {
            for f in Festival::ALL {
                assert!(
                    !super::super::lists::label(texts(lang).festivals, f.as_str()).is_empty(),
                    "{f:?}"
                );
            }
        }
    }
}
