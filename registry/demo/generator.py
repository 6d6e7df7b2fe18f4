"""Build the demo dataset, deterministically, as plain dicts (no database here)."""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from arch_models.landscape import (
    AppKind,
    Channel,
    DataCenterKind,
    Lifecycle,
    LinkDirection,
    LinkStatus,
)
from arch_models.reference.management import AREA_NAMES
from registry.demo import catalogue

__all__ = ["DemoData", "generate"]

#: "today" inside the generator, so the same arguments always give the same data
REFERENCE_DAY = date(2026, 11, 1)
DEFAULT_AGENCY = {
    "code": "CONTOHPROV",
    "name": "Pemerintah Provinsi Contoh",
    "kind": "provinsi",
    "zone": "contohprov.go.id",
}
#: the share of each channel among the links (docs/reference.md §4: point-to-point blocks 18)
CHANNEL_MIX = (
    (Channel.SERVICE_BUS, 55),
    (Channel.DIRECT_API, 25),
    (Channel.FILE_TRANSFER, 8),
    (Channel.DATABASE_LINK, 4),
    (Channel.HYPERLINK, 8),
)


@dataclass
class DemoData:
    """The generated records, as lists of dicts keyed like the tables' columns."""

    agencies: list = field(default_factory=list)
    units: list = field(default_factory=list)
    data_centers: list = field(default_factory=list)
    networks: list = field(default_factory=list)
    service_buses: list = field(default_factory=list)
    applications: list = field(default_factory=list)
    links: list = field(default_factory=list)
    domains: list = field(default_factory=list)
    management_areas: list = field(default_factory=list)
    audits: list = field(default_factory=list)
    reviews: list = field(default_factory=list)
    initiatives: list = field(default_factory=list)
    documents: list = field(default_factory=list)
    reference_entries: list = field(default_factory=list)


def generate(*, agencies=1, apps=300, links=None, seed=2026):
    """Return a realistic province (and, past one agency, regencies) with apps and links."""
    if agencies < 1:
        raise ValueError("agencies: at least 1")
    if apps < 0 or (links is not None and links < 0):
        raise ValueError("apps and links: not negative")
    rng = random.Random(seed)
    data = DemoData()
    links = round(apps * 1.4) if links is None else links
    app_shares = _split(apps, agencies)
    link_shares = _split(links, agencies)
    for index in range(agencies):
        agency = DEFAULT_AGENCY if index == 0 else _regency(index, rng)
        data.agencies.append(dict(agency))
        _build_agency(
            data, agency, app_shares[index], link_shares[index], rng, is_default=index == 0
        )
    return data


def _split(total, parts):
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def _regency(index, rng):
    name = rng.choice(catalogue.PLACE_ROOTS) + rng.choice(catalogue.PLACE_ENDS)
    kind = "kota" if index % 5 == 0 else "kabupaten"
    suffix = "kota" if kind == "kota" else "kab"
    label = "Kota" if kind == "kota" else "Kabupaten"
    return {
        "code": f"{name.upper()}{index:03d}",
        "name": f"Pemerintah {label} {name} ({index})",
        "kind": kind,
        "zone": f"{name.lower()}{index}{suffix}.go.id",
    }


def _build_agency(data, agency, n_apps, n_links, rng, *, is_default):
    code = agency["code"]
    units = [
        {
            "agency_code": code,
            "code": u[0],
            "name": u[1],
            "acronym": u[2],
            "is_ict_unit": u[0] == "DISKOMINFO",
            "subdomain_label": u[3],
        }
        for u in catalogue.UNITS
    ]
    data.units.extend(units)
    centers = _data_centers(code, units, rng, is_default)
    data.data_centers.extend(centers)
    reached = [u["code"] for u in units if u["code"] not in _unreached(units, rng, is_default)]
    data.networks.append(
        {
            "agency_code": code,
            "code": "JARINTRA",
            "name": "Jaringan Intra Pemda",
            "connected_to_jip": not is_default and rng.random() < 0.5,
            "unit_codes": reached,
        }
    )
    data.service_buses.append(
        {
            "agency_code": code,
            "code": "ESB",
            "name": "Service Bus (SPLP Daerah)",
            "connected_to_splp": is_default or rng.random() < 0.6,
            "datacenter_code": "DC-PEMDA",
        }
    )
    applications = _applications(code, units, centers, n_apps, rng)
    data.applications.extend(applications)
    data.links.extend(_links(code, applications, n_links, rng))
    data.domains.extend(_domains(agency, units, applications, rng))
    data.management_areas.extend(_management_areas(code, rng))
    data.audits.extend(_audits(code, rng, is_default))
    data.initiatives.extend(_initiatives(code, rng, is_default))
    data.documents.extend(_documents(code, is_default))
    data.reference_entries.extend(
        {"agency_code": code, "code": c, "name": n}
        for c, n in catalogue.REFERENCE_ENTRIES
        if is_default or c.startswith("RAL")
    )
    data.reviews.extend(
        {
            "agency_code": code,
            "application_code": a["code"],
            "reviewed_on": a["last_review_on"],
            "reviewer": "Tim Reviu Diskominfo",
            "outcome": "Aplikasi berjalan sesuai kebutuhan.",
            "followup_document": a["review_followup"] or None,
        }
        for a in applications
        if a["last_review_on"]
    )


def _data_centers(code, units, rng, is_default):
    centers = [
        {
            "agency_code": code,
            "code": "DC-PEMDA",
            "name": "Pusat Data Pemda",
            "kind": DataCenterKind.OWN.value,
            "tier": 2,
            "location": "Gedung Diskominfo",
            "uses_pdn": not is_default and rng.random() < 0.5,
            "sop_ref": "SOP Pengoperasian Pusat Data No. 3/2024",
        },
        {
            "agency_code": code,
            "code": "PDNS",
            "name": "PDN Sementara",
            "kind": DataCenterKind.PDNS.value,
            "tier": 3,
            "location": "Nasional",
            "uses_pdn": True,
        },
        {
            "agency_code": code,
            "code": "CLOUD",
            "name": "Cloud Penyedia Nasional",
            "kind": DataCenterKind.CLOUD.value,
            "tier": None,
            "location": "Jakarta",
            "uses_pdn": False,
        },
    ]
    for unit in rng.sample([u for u in units if not u["is_ict_unit"]], 3):
        centers.append(
            {
                "agency_code": code,
                "code": f"SR-{unit['code']}",
                "name": f"Ruang Server {unit['acronym']}",
                "kind": DataCenterKind.OPD_SERVER_ROOM.value,
                "tier": None,
                "location": unit["name"],
                "uses_pdn": False,
            }
        )
    return centers


def _unreached(units, rng, is_default):
    count = 7 if is_default else rng.randint(0, 10)
    return {u["code"] for u in rng.sample([u for u in units if not u["is_ict_unit"]], count)}


def _application_names(units, n_apps, rng):
    by_code = {u["code"]: u for u in units}
    names = [(k[0], k[1], k[2], k[3], k[4], k[5], k[6]) for k in catalogue.KNOWN_APPLICATIONS]
    names = names[:n_apps]
    seen = {n[0] for n in names}
    topics = [
        (u["code"], t)
        for u in units
        for t in next(x for x in catalogue.UNITS if x[0] == u["code"])[4]
    ]
    attempt = 0
    while len(names) < n_apps:
        unit_code, topic = topics[attempt % len(topics)]
        prefix = catalogue.PREFIXES[(attempt // len(topics)) % len(catalogue.PREFIXES)]
        round_no = attempt // (len(topics) * len(catalogue.PREFIXES))
        unit = by_code[unit_code]
        base = f"e-{topic}" if prefix == "e-" else f"{prefix} {topic}"
        name = base if round_no == 0 else f"{base} {unit['acronym']} {round_no + 1}"
        attempt += 1
        if name in seen:
            continue
        seen.add(name)
        initials = "".join(w[0] for w in topic.split() if w[0].isalpha()).upper()
        acronym = {
            "Sistem Informasi": f"SI{initials}",
            "Aplikasi": f"APL-{initials}",
            "e-": f"e-{topic.split()[0]}",
            "Portal": f"Portal {initials}",
        }[prefix]
        description = f"{base} untuk {unit['name']}."
        names.append((name, acronym, unit_code, "khusus", False, None, description))
    return names


def _applications(code, units, centers, n_apps, rng):
    own = [c["code"] for c in centers if c["kind"] == DataCenterKind.OWN.value]
    rooms = [c["code"] for c in centers if c["kind"] == DataCenterKind.OPD_SERVER_ROOM.value]
    result = []
    for number, (name, acronym, unit_code, kind, national, indicator, description) in enumerate(
        _application_names(units, n_apps, rng), start=1
    ):
        roll = rng.random()
        lifecycle = (
            Lifecycle.PRODUCTION
            if roll < 0.82
            else Lifecycle.DEVELOPMENT
            if roll < 0.9
            else Lifecycle.PLANNED
            if roll < 0.96
            else Lifecycle.RETIRED
        )
        if national:
            hosting = "PDNS"  # national applications run in the national data centre
        else:
            hosting_roll = rng.random()
            hosting = (
                own[0]
                if hosting_roll < 0.72
                else rng.choice(rooms)
                if hosting_roll < 0.88
                else "CLOUD"
                if hosting_roll < 0.94
                else None
            )
        started = REFERENCE_DAY - timedelta(days=rng.randint(200, 3600))
        consulted = started - timedelta(days=rng.randint(30, 200)) if rng.random() < 0.7 else None
        reviewed = (
            REFERENCE_DAY - timedelta(days=rng.randint(10, 900)) if rng.random() < 0.6 else None
        )
        followup = (
            f"SK Kadis Kominfo No. 555/{rng.randint(100, 999)}/{reviewed.year}"
            if reviewed and rng.random() < 0.55
            else None
        )
        raa = "RAA.01.02" if kind == AppKind.UMUM.value else "RAA.02.02"
        result.append(
            {
                "agency_code": code,
                "code": f"APP-{number:04d}",
                "name": name,
                "acronym": acronym,
                "description": description,
                "kind": kind,
                "unit_code": unit_code,
                "lifecycle": lifecycle.value,
                "reference_code": f"{raa}.{rng.randint(1, 12):02d}",
                "hosting_code": hosting,
                "url": f"https://{acronym.lower().replace(' ', '').replace('!', '')}.example.go.id"
                if lifecycle == Lifecycle.PRODUCTION
                else None,
                "consulted_ict_unit_on": consulted,
                "ict_controlled": rng.random() < 0.5,
                "last_review_on": reviewed,
                "review_followup": followup,
                "started_on": started if lifecycle != Lifecycle.PLANNED else None,
                "service_indicator": indicator,
                "service_codes": [catalogue.SERVICE_CODES[indicator]]
                if indicator in catalogue.SERVICE_CODES
                else [],
                "national": national,
            }
        )
    return result


def _links(code, applications, n_links, rng):
    live = [a for a in applications if a["lifecycle"] != Lifecycle.PLANNED.value]
    if len(live) < 2 or n_links == 0:
        return []
    isolated = set(rng.sample(range(len(live)), max(1, len(live) * 8 // 100)))
    pool = [a for i, a in enumerate(live) if i not in isolated]
    hubs = [a for a in pool if a["name"] in catalogue.HUB_DATA]
    weights = [12 if a in hubs else 1 for a in pool]
    channels = [c for c, _w in CHANNEL_MIX]
    channel_weights = [w for _c, w in CHANNEL_MIX]
    max_links = len(pool) * (len(pool) - 1) * len(channels)
    target = min(n_links, max_links)
    seen, result = set(), []
    while len(result) < target:
        provider = rng.choices(pool, weights)[0]
        consumer = rng.choice(pool)
        if provider is consumer:
            continue
        channel = rng.choices(channels, channel_weights)[0]
        data = catalogue.HUB_DATA.get(provider["name"]) or rng.choice(catalogue.DATA_KINDS)
        key = (provider["code"], consumer["code"], channel, data)
        if key in seen:
            continue
        seen.add(key)
        retired = Lifecycle.RETIRED.value in (provider["lifecycle"], consumer["lifecycle"])
        roll = rng.random()
        status = (
            LinkStatus.RETIRED
            if retired or roll < 0.04
            else LinkStatus.PROPOSED
            if roll < 0.1
            else LinkStatus.ACTIVE
        )
        result.append(
            {
                "agency_code": code,
                "provider_code": provider["code"],
                "consumer_code": consumer["code"],
                "channel": channel.value,
                "status": status.value,
                "direction": (
                    LinkDirection.BIDIRECTIONAL
                    if rng.random() < 0.15
                    else LinkDirection.PROVIDER_TO_CONSUMER
                ).value,
                "data_exchanged": data,
                "protocol": catalogue.PROTOCOLS[channel.value],
                "agreement_ref": f"PKS/{rng.randint(1, 400):03d}/2025"
                if rng.random() < 0.4
                else None,
            }
        )
    return result


def _domains(agency, units, applications, rng):
    zone = agency["zone"]
    result, taken = [], set()
    for unit in units:
        fqdn = f"{unit['subdomain_label']}.{zone}"
        if fqdn in taken:
            continue
        taken.add(fqdn)
        result.append(_domain(agency, fqdn, unit["code"], None, rng))
    web_apps = [a for a in applications if a["url"]][:20]
    for app in web_apps:
        label = "".join(ch for ch in app["acronym"].lower() if ch.isalnum() or ch == "-").strip("-")
        fqdn = f"{label}.{zone}"
        if not label or fqdn in taken:
            continue
        taken.add(fqdn)
        result.append(_domain(agency, fqdn, app["unit_code"], app["code"], rng))
    return result


def _domain(agency, fqdn, unit_code, app_code, rng):
    roll = rng.random()
    tls = (
        None
        if roll < 0.08
        else REFERENCE_DAY + timedelta(days=rng.randint(3, 28))
        if roll < 0.16
        else REFERENCE_DAY + timedelta(days=rng.randint(40, 400))
    )
    return {
        "agency_code": agency["code"],
        "fqdn": fqdn,
        "unit_code": unit_code,
        "application_code": app_code,
        "status": "active" if rng.random() < 0.93 else "suspended",
        "tls_expires_on": tls,
        "hosted_in_indonesia": rng.random() < 0.96,
        "technical_contact": f"admin@{agency['zone']}",
    }


#: how far each management area has come in the demo province, with the dated records that
#: prove it: (status, guideline, its date, plan, last review); the rest: nothing yet
_DEFAULT_AREAS = {
    "information_security": ("guided", "Pergub No. 21 Tahun 2023 tentang Keamanan Informasi",
                             date(2023, 6, 12), "Renstra Diskominfo 2024-2026", None),
    "data": ("reviewed", "Pergub No. 8 Tahun 2022 tentang Satu Data", date(2022, 3, 1),
             "Renstra Diskominfo 2024-2026", date(2025, 10, 20)),
    "ict_assets": ("planned", None, None, "Rencana Pengelolaan Aset TIK 2025", None),
    "spbe_services": ("guided", "SOP Layanan SPBE Diskominfo 2024", date(2024, 2, 1),
                      "Renstra Diskominfo 2024-2026", None),
    "risk": ("planned", None, None, "Rencana Manajemen Risiko SPBE 2025", None),
    "audit_infrastructure": ("guided", "Pedoman Audit Infrastruktur SPBE 2024",
                             date(2024, 1, 15), "Rencana Audit TIK 2024-2026", None),
    "audit_application": ("planned", None, None, "Rencana Audit TIK 2024-2026", None),
}
_NOTHING = ("none", None, None, None, None)


def _management_areas(code, rng):
    rows = []
    for area in AREA_NAMES:
        status, guideline, guideline_date, plan, reviewed = _DEFAULT_AREAS.get(area, _NOTHING)
        if code != DEFAULT_AGENCY["code"]:
            status = rng.choice(("none", "planned", "guided", "reviewed"))
            guideline = (
                f"Perkada tentang {AREA_NAMES[area]}" if status in ("guided", "reviewed") else None
            )
            # dated records that match the status, without drawing more from rng
            guideline_date = date(2023, 1 + len(area) % 12, 1) if guideline else None
            plan = f"Rencana {AREA_NAMES[area]}" if status != "none" else None
            reviewed = date(2026, 1 + len(area) % 10, 15) if status == "reviewed" else None
        rows.append(
            {"agency_code": code, "area": area, "status": status, "guideline_ref": guideline,
             "guideline_date": guideline_date, "roadmap_ref": plan, "last_review_on": reviewed}
        )
    return rows


def _audits(code, rng, is_default):
    if is_default:
        return [
            {
                "agency_code": code,
                "type": "infrastructure",
                "object_name": "Pusat Data Pemda",
                "performed_on": date(2025, 9, 15),
                "auditor_kind": "external_certified",
                "auditor_name": "Lembaga Audit TIK Tersertifikasi",
                "followed_up": True,
            },
            {
                "agency_code": code,
                "type": "application",
                "object_name": "SIMPEG",
                "performed_on": date(2024, 3, 10),
                "auditor_kind": "internal",
                "auditor_name": "Inspektorat",
                "followed_up": False,
            },
        ]
    return [
        {
            "agency_code": code,
            "type": kind,
            "object_name": "Layanan SPBE",
            "performed_on": REFERENCE_DAY - timedelta(days=rng.randint(30, 1200)),
            "auditor_kind": rng.choice(("internal", "external_certified")),
            "auditor_name": None,
            "followed_up": rng.random() < 0.5,
        }
        for kind in ("infrastructure", "application", "security")
        if rng.random() < 0.6
    ]


#: the demo Peta Rencana: (code, title, content area, owner unit, indicators, status);
#: no initiative for "audit_tik", a realistic gap
_INITIATIVES = (
    (
        "PR-01",
        "Penguatan tata kelola dan kebijakan SPBE",
        "tata_kelola",
        "BIROORG",
        [1, 2, 10],
        "ongoing",
    ),
    (
        "PR-02",
        "Penerapan manajemen risiko dan aset TIK",
        "manajemen",
        "DISKOMINFO",
        [21, 24],
        "budgeted",
    ),
    (
        "PR-03",
        "Integrasi layanan publik melalui SPLP",
        "layanan",
        "DISKOMINFO",
        [18, 42],
        "ongoing",
    ),
    (
        "PR-04",
        "Konsolidasi pusat data dan migrasi ke PDN",
        "infrastruktur",
        "DISKOMINFO",
        [16],
        "delayed",
    ),
    (
        "PR-05",
        "Perluasan jaringan intra ke seluruh OPD",
        "infrastruktur",
        "DISKOMINFO",
        [17],
        "ongoing",
    ),
    ("PR-06", "Migrasi persuratan ke SRIKANDI", "aplikasi", "DISPERPUSIP", [37], "completed"),
    ("PR-07", "Satu Data Provinsi", "aplikasi", "DISKOMINFO", [23, 43], "planned"),
    ("PR-08", "Sertifikasi keamanan informasi", "keamanan", "DISKOMINFO", [22, 31], "planned"),
)


def _initiatives(code, rng, is_default):
    chosen = _INITIATIVES if is_default else rng.sample(_INITIATIVES, 3)
    result = []
    for number, (key, title, area, unit, indicators, status) in enumerate(chosen):
        start = 2025
        years = [
            {
                "year": year,
                "target": f"Target tahap {year - start + 1}",
                "program_code": "2.16.02",
                "activity_code": f"2.16.02.1.0{number + 1}",
                "sub_activity_code": None,
                "amount": rng.randrange(100, 3000) * 1_000_000,
            }
            for year in range(start, start + 3)
            if not (is_default and key == "PR-07" and year > start)  # a plan without budget
        ]
        result.append(
            {
                "agency_code": code,
                "code": key,
                "title": title,
                "content_area": area,
                "unit_code": unit,
                "indicators": indicators,
                "start_year": start,
                "end_year": 2029,
                "status": status,
                "years": years,
            }
        )
    return result


def _documents(code, is_default):
    """Make the province's enacted documents: some missing, one review not followed up."""
    if not is_default:
        return [
            {
                "agency_code": code,
                "kind": "arsitektur_spbe",
                "number": "Perkada Arsitektur SPBE",
                "issued_on": date(2023, 6, 1),
                "enacted_by": "Peraturan Kepala Daerah",
                "last_review_on": None,
                "review_followup": None,
                "domains": ["application", "infrastructure"],
            }
        ]
    return [
        {
            "agency_code": code,
            "kind": "arsitektur_spbe",
            "number": "Peraturan Gubernur No. 34 Tahun 2022",
            "issued_on": date(2022, 8, 17),
            "enacted_by": "Peraturan Gubernur",
            "last_review_on": date(2025, 2, 10),
            "review_followup": None,
            "domains": ["business_process", "data", "application", "infrastructure"],
        },
        {
            "agency_code": code,
            "kind": "peta_rencana",
            "number": "Peraturan Gubernur No. 35 Tahun 2022",
            "issued_on": date(2022, 8, 17),
            "enacted_by": "Peraturan Gubernur",
            "last_review_on": date(2025, 2, 10),
            "review_followup": "SK Gubernur No. 100/220/2025 tentang Pemutakhiran Peta Rencana",
            "domains": [],
        },
        {
            "agency_code": code,
            "kind": "infrastructure",
            "number": "SK Kepala Diskominfo No. 555/12/2023",
            "issued_on": date(2023, 3, 1),
            "enacted_by": "Keputusan Kepala Dinas",
            "last_review_on": None,
            "review_followup": None,
            "domains": [],
        },
        *_policies(code),
    ]


#: the province's internal policies: (kind, number, complete, beyond, reviewed, follow-up)
_POLICIES = (
    ("kebijakan_arsitektur", "Peraturan Gubernur No. 33 Tahun 2022", True, True,
     date(2025, 9, 1), "Peraturan Gubernur No. 8 Tahun 2026 tentang Perubahan Kebijakan SPBE"),
    ("kebijakan_peta_rencana", "Peraturan Gubernur No. 33 Tahun 2022", True, False, None, None),
    ("kebijakan_aplikasi", "SE Gubernur No. 500/17/2023", False, False, None, None),
    ("kebijakan_pusat_data", "Peraturan Gubernur No. 41 Tahun 2023", True, True,
     date(2025, 9, 1), None),
    ("kebijakan_sistem_penghubung", "Peraturan Gubernur No. 41 Tahun 2023", True, False, None,
     None),
    ("kebijakan_audit_tik", None, False, False, None, None),  # still a draft
)


def _policies(code):
    return [
        {"agency_code": code, "kind": kind, "number": number,
         "issued_on": date(2023, 5, 2) if number else None,
         "enacted_by": "Peraturan Gubernur" if number else None, "last_review_on": reviewed,
         "review_followup": followup, "domains": [], "complete": complete,
         "beyond_instansi": beyond}
        for kind, number, complete, beyond, reviewed, followup in _POLICIES
    ]
