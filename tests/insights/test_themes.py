"""Themes found in free text (insights.themes): a small corpus of three topics written here."""

from convenor.insights import themes

HOUSING = [
    "Rents for young people are far too high and new homes are scarce.",
    "We cannot recruit because staff cannot afford rents or homes near the office.",
    "More affordable homes would keep young people here; rents push them out.",
    "Council homes and social rents have not kept up with demand.",
    "Young families leave because homes cost ten times their wages and rents rise every year.",
    "Build more homes near the station so that rents come down.",
    "Our nurses commute for an hour because the rents near the hospital are out of reach.",
    "Shared ownership homes would help young buyers who are stuck paying rents.",
    "Planning for new homes takes years while rents keep climbing.",
    "Empty flats above shops could become homes with fair rents.",
]
TRANSPORT = [
    "The bus service to the station is unreliable and trains are overcrowded.",
    "Trains into London are crowded and the bus links to the station are poor.",
    "A reliable bus from the villages to the station would get cars off the road.",
    "Buses stop at six, so the station is out of reach for evening trains.",
    "Our apprentices miss shifts when the bus does not turn up.",
    "Timetables of the bus and the trains do not match at the station.",
    "Electric buses on the main corridor would cut congestion and fumes.",
    "Parking at the station is full by seven so commuters drive instead of taking trains.",
    "A bus lane on the ring road would make buses quicker than cars.",
    "Cheaper fares for trains and buses would help people get to work.",
]
BROADBAND = [
    "Broadband in rural villages is too slow for a business to run online.",
    "Our rural broadband drops every afternoon; fibre never reached the villages.",
    "Full fibre broadband would let rural firms compete with the towns.",
    "Mobile signal and broadband speeds in rural villages hold firms back.",
    "Farm shops cannot take card payments because the broadband and signal fail.",
    "Gigabit fibre to every village would bring remote workers and new firms.",
    "The voucher scheme for rural broadband was hard to claim.",
    "Fibre stops at the edge of town and the villages are left on copper.",
    "Our staff work from home but the broadband upload speed is dreadful.",
    "A mast on the hill would fix the mobile signal for three villages.",
]


def test_three_topics_make_three_themes_of_their_own_words():
    found = themes.themes_find(HOUSING + TRANSPORT + BROADBAND)

    assert len(found) == 3
    # Equal sizes: the themes come in the order of their first member.
    assert [theme.members for theme in found] == [
        tuple(range(0, 10)),
        tuple(range(10, 20)),
        tuple(range(20, 30)),
    ]
    assert [theme.terms[:3] for theme in found] == [
        ("rents", "homes", "young"),
        ("station", "trains", "bus"),
        ("broadband", "rural", "villages"),
    ]
    assert all(len(theme.terms) == themes.TERMS_SHOWN for theme in found)


def test_quotes_are_members_strongest_first():
    found = themes.themes_find(HOUSING + TRANSPORT + BROADBAND)

    for theme in found:
        assert len(theme.quotes) == themes.QUOTES_SHOWN
        assert {index for index, _weight in theme.quotes} <= set(theme.members)
        weights = [weight for _index, weight in theme.quotes]
        assert weights == sorted(weights, reverse=True)
        assert weights[-1] > 0


def test_the_number_of_themes_grows_with_the_texts():
    assert [themes.theme_count(n) for n in (5, 6, 12, 30, 100, 400, 10_000)] == [
        0,
        2,
        2,
        3,
        5,
        8,
        8,
    ]


def test_asked_for_count_is_kept():
    found = themes.themes_find(HOUSING + TRANSPORT + BROADBAND, count=2)

    assert len(found) == 2
    assert sorted(i for theme in found for i in theme.members) == list(range(30))


def test_too_few_texts_have_no_themes():
    assert themes.themes_find(HOUSING[:5]) == []
    assert themes.themes_find([]) == []


def test_texts_of_stop_words_only_have_no_themes():
    assert themes.themes_find(["We think it is really important."] * 8) == []


def test_label_carried_to_the_theme_sharing_most_terms():
    old = [
        (["rents", "homes", "young", "flats"], "Housing costs"),
        (["bus", "station", "trains"], "Getting to work"),
    ]

    # 3 shared of 5 terms in all: 0.6 against 0 for the other.
    assert themes.label_carried(old, ["rents", "homes", "young", "wages"]) == "Housing costs"
    assert themes.label_carried(old, ["bus", "station", "trains"]) == "Getting to work"


def test_label_carried_only_at_forty_per_cent_overlap():
    old = [(["rents", "homes", "young"], "Housing costs")]

    # 2 shared of 5 in all is exactly 0.4: carried; 2 of 6 is 0.33: not.
    assert themes.label_carried(old, ["rents", "homes", "wages", "jobs"]) == "Housing costs"
    assert themes.label_carried(old, ["rents", "homes", "wages", "jobs", "pay"]) == ""


def test_label_carried_skips_unlabelled_themes():
    old = [(["rents", "homes", "young"], ""), (["rents", "homes", "flats", "pay"], "Housing")]

    # The unlabelled theme matches better (3 of 3) but has no label to carry.
    assert themes.label_carried(old, ["rents", "homes", "young"]) == "Housing"
    assert themes.label_carried([], ["rents"]) == ""
