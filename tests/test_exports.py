"""Standard exports round-trip: CSVs load with the documented dtypes, Parquet keeps its types,
GeoJSON opens in geopandas, JSONL gives the incidents back. Incidents are hand-built reports
(test_reconcile's Builder), so the extractor is not needed."""
from __future__ import annotations

import datetime as dt
import io
import json

import pytest

from harmwatch.exports import (
    canonical, columns, date_columns, export, pandas_dtypes, write_csv,
)
from harmwatch.exports.mappings import ACLED_EVENT_TYPE
from harmwatch.models import ACLED_SUBTYPES
from harmwatch.reconcile.models import Incident

from test_reconcile import Builder, _gaza, idlib_market

pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")


@pytest.fixture(scope="module")
def incidents() -> list[Incident]:
    b = Builder()
    idlib_market(b)
    _gaza(b)
    incs = b.incidents()
    assert len(incs) == 3
    return incs


def _syria(incs):
    return next(i for i in incs if i.country == "SY")


def test_every_acled_subtype_has_an_event_type():
    assert set(ACLED_EVENT_TYPE) == set(ACLED_SUBTYPES)
    assert ACLED_EVENT_TYPE["Air/drone strike"] == "Explosions/Remote violence"


def test_ucdp_csv_loads_with_documented_dtypes(incidents, tmp_path):
    out = tmp_path / "ged.csv"
    assert export("ucdp-csv", incidents, out) == 3
    cols = columns("ucdp")
    df = pd.read_csv(out, dtype=pandas_dtypes(cols), parse_dates=date_columns(cols),
                     keep_default_na=False, na_values=[""])
    assert list(df.columns) == [c.name for c in cols]
    for name in ("id", "date_start", "date_end", "date_prec", "latitude", "longitude",
                 "where_prec", "adm_1", "country", "side_a", "side_b", "best", "low", "high",
                 "deaths_civilians", "source_article"):
        assert name in df.columns
    assert str(df["best"].dtype) == "Int64" and str(df["latitude"].dtype) == "float64"
    assert str(df["country"].dtype) == "string"
    assert pd.api.types.is_datetime64_any_dtype(df["date_start"])
    inc = _syria(incidents)
    r = df[df["id"] == inc.id].iloc[0]
    assert r["country"] == "Syria" and r["country_iso"] == "SY"
    assert (r["low"], r["best"], r["high"]) == (inc.killed.low, inc.killed.best, inc.killed.high)
    assert r["latitude"] == pytest.approx(inc.lat)
    assert r["date_start"].date() == inc.date_start
    assert json.loads(r["timeline"])[0]["low"] == inc.timeline[0].low
    # unknown stays null (not 0, not ""); a known figure is kept (positive control)
    for i in incidents:
        value = df[df["id"] == i.id].iloc[0]["deaths_civilians"]
        assert (value is pd.NA) == (i.civilians_killed.best is None)
        assert pd.isna(df[df["id"] == i.id].iloc[0]["side_b"])  # one actor only: no side_b


def test_csv_is_an_alias_of_ucdp_csv(incidents):
    assert canonical("csv") == "ucdp-csv"
    a, b = io.StringIO(), io.StringIO()
    export("csv", incidents, a)
    write_csv(incidents, b, "ucdp")
    assert a.getvalue() == b.getvalue()
    with pytest.raises(ValueError):
        canonical("xlsx")


def test_acled_csv_loads_with_documented_dtypes(incidents, tmp_path):
    out = tmp_path / "acled.csv"
    export("acled-csv", incidents, out)
    cols = columns("acled")
    df = pd.read_csv(out, dtype=pandas_dtypes(cols), parse_dates=date_columns(cols),
                     keep_default_na=False, na_values=[""])
    for name in ("event_date", "event_type", "sub_event_type", "actor1", "actor2", "admin1",
                 "location", "latitude", "longitude", "geo_precision", "time_precision",
                 "fatalities", "notes", "source"):
        assert name in df.columns
    inc = _syria(incidents)
    r = df[df["event_id_cnty"] == inc.id].iloc[0]
    assert r["fatalities"] == inc.killed.low and str(df["fatalities"].dtype) == "Int64"
    assert r["sub_event_type"] == inc.type
    assert r["event_type"] == ACLED_EVENT_TYPE[inc.type]
    assert r["iso"] == 760 and r["location"] == inc.place_name


def test_parquet_keeps_types(incidents, tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "inc.parquet"
    assert export("parquet", incidents, out) == 3
    table = pq.read_table(out)
    assert table.schema.field("best").type == pa.int64()
    assert table.schema.field("latitude").type == pa.float64()
    assert table.schema.field("date_start").type == pa.date32()
    df = pd.read_parquet(out)
    inc = _syria(incidents)
    r = df[df["id"] == inc.id].iloc[0]
    assert r["best"] == inc.killed.best and r["date_start"] == inc.date_start
    assert json.loads(r["timeline"])[0]["doc_id"] == inc.timeline[0].doc_id


def test_empty_parquet_still_has_the_schema(tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "none.parquet"
    assert export("parquet", [], out) == 0
    assert pq.read_table(out).schema.field("best").type == pa.int64()


def test_geojson_opens_in_geopandas(incidents, tmp_path):
    gpd = pytest.importorskip("geopandas")
    out = tmp_path / "inc.geojson"
    export("geojson", incidents, out)
    fc = json.loads(out.read_text())
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 3
    gdf = gpd.read_file(out)
    assert len(gdf) == 3
    inc = _syria(incidents)
    r = gdf[gdf["id"] == inc.id].iloc[0]
    assert r.geometry.x == pytest.approx(inc.lon) and r.geometry.y == pytest.approx(inc.lat)
    assert int(r["best"]) == inc.killed.best


def test_jsonl_round_trips_the_whole_record(incidents):
    buf = io.StringIO()
    export("jsonl", incidents, buf)
    back = [Incident.model_validate_json(line) for line in buf.getvalue().splitlines()]
    assert back == incidents
    assert back[0].killed.claims or any(i.killed.claims for i in back)


def test_year_only_dates_have_no_acled_time_precision(incidents):
    from harmwatch.exports import row

    inc = _syria(incidents).model_copy(update={"date_precision": "year",
                                               "date_start": dt.date(2016, 1, 1)})
    assert row(inc, "acled")["time_precision"] is None
    assert row(inc, "ucdp")["date_prec"] == 5
    assert row(_syria(incidents), "acled")["time_precision"] is not None
