"""Uploads with months (contract v2): a `month` column or a `date` (YYYY-MM) in the long, wide and single-city
layouts, bad months and dates reported per row in the user's language, and monthly rows merged into the session."""

from __future__ import annotations

from pioc_metrics.data.upload import UploadChoices, check_upload, merge_upload
from pioc_metrics.text.problems import problem_message


def csv(text: str) -> bytes:
    return text.encode("utf-8")


def months_of(report) -> list:
    month = report.indicators["month"]
    return month.astype(object).where(month.notna(), None).tolist()


def test_a_long_upload_keeps_its_month_column_for_the_store(shipped_data):
    report = check_upload(csv("city_id,year,month,indicator,value,source\npalmira,2020,,homicides,120,x\n"
                              "palmira,2020,1,homicides,9,x\npalmira,2020,2,homicides,11,x\n"), "l.csv", shipped_data)
    assert not report.errors and report.values_accepted == 3
    assert months_of(report) == [None, 1, 2]


def test_a_wide_upload_with_a_month_column(shipped_data):
    report = check_upload(csv("city_id,year,month,homicides,robberies,source\npalmira,2020,3,9,40,x\n"
                              "palmira,2020,4,8,,x\n"), "w.csv", shipped_data)
    assert report.layout == "wide" and not report.errors
    rows = report.indicators.sort_values(["indicator", "month"])
    assert rows[["indicator", "month", "value"]].values.tolist() == [
        ["homicides", 3, 9.0], ["homicides", 4, 8.0], ["robberies", 3, 40.0]]


def test_a_single_city_sheet_with_a_date_column(shipped_data):
    report = check_upload(csv("date,homicides\n2026-01,5\n2026-02,5\n2026-03,6\n"), "s.csv", shipped_data,
                          UploadChoices(city_id="niteroi", source="ISP-RJ"))
    assert report.layout == "single_city" and not report.errors
    assert report.indicators[["year", "month", "value"]].values.tolist() == [[2026, 1, 5.0], [2026, 2, 5.0],
                                                                             [2026, 3, 6.0]]
    assert "date" not in report.indicators.columns


def test_a_date_on_the_first_of_the_month_as_a_spreadsheet_stores_it_is_that_month(shipped_data):
    report = check_upload(csv("city_id,date,indicator,value,source\npalmira,2020-03-01,homicides,9,x\n"
                              "palmira,2021,homicides,100,x\n"), "d.csv", shipped_data)
    assert not report.errors and months_of(report) == [3, None]
    assert report.indicators["year"].tolist() == [2020, 2021]


def test_bad_months_and_dates_are_reported_per_row_in_the_users_language(shipped_data):
    report = check_upload(csv("city_id,year,month,date,indicator,value,source\n"
                              "palmira,2020,13,,homicides,9,x\n"
                              "palmira,,,2020-14,homicides,9,x\n"
                              "palmira,,,March 2020,homicides,9,x\n"
                              "palmira,2019,,2020-05,homicides,9,x\n"
                              "palmira,,,2020-05,homicides,9,x\n"), "b.csv", shipped_data)
    found = [(p.row, p.column, p.code) for p in report.errors]
    assert found == [(2, "month", "invalid_month"), (3, "date", "invalid_date"), (4, "date", "invalid_date"),
                     (5, "date", "date_conflict")]
    assert report.values_accepted == 1 and report.rows_rejected == 4 and report.rows_read == 5
    month_error, date_error = report.errors[0], report.errors[1]
    assert problem_message(month_error, "en") == ("'13' is not a month: use a whole number from 1 to 12, or leave "
                                                  "it empty for a yearly value")
    for lang in ("es", "pt"):
        assert "2020-14" in problem_message(date_error, lang)


def test_applied_months_go_to_the_monthly_frame_and_twelve_of_them_make_a_year(shipped_data):
    rows = "".join(f"palmira,2020,{m},robberies,10,x\n" for m in range(1, 13))
    report = check_upload(csv("city_id,year,month,indicator,value,source\n" + rows), "m.csv", shipped_data)
    assert report.values_accepted == 12
    data = merge_upload(shipped_data, report, "extend")
    palmira = data.monthly.query("city_id == 'palmira' and indicator == 'robberies'")
    assert len(palmira) == 12 and (palmira["origin"] == "upload").all()
    assert palmira["month"].dtype == "int64"
    [year] = data.indicators.query("city_id == 'palmira' and indicator == 'robberies'").to_dict("records")
    assert (year["year"], year["value"], year["derived"]) == (2020, 120.0, True)
    rate = data.indicators.query("city_id == 'palmira' and indicator == 'robberies_rate'")
    assert len(rate) == 1 and rate["derived"].all()  # Palmira's population is known
    assert "month" not in data.indicators.columns
    assert len(data.monthly) == len(shipped_data.monthly) + 12


def test_an_uploaded_month_replaces_the_shipped_month_in_extend_mode(shipped_data):
    report = check_upload(csv("city_id,year,month,indicator,value,source\nniteroi,2026,3,homicides,7,mine\n"),
                          "r.csv", shipped_data)
    assert report.replaced_keys == 1
    data = merge_upload(shipped_data, report, "extend")
    march = data.monthly.query("city_id == 'niteroi' and indicator == 'homicides' and year == 2026 and month == 3")
    assert march[["value", "source", "origin"]].values.tolist() == [[7.0, "mine", "upload"]]
    assert len(data.monthly) == len(shipped_data.monthly)
    assert len(data.indicators) == len(shipped_data.indicators)  # a partial 2026 makes no year either way


def test_replace_mode_keeps_only_the_uploaded_months_and_years(shipped_data):
    report = check_upload(csv("city_id,year,month,indicator,value,source\nniteroi,2026,3,homicides,7,mine\n"
                              "palmira,2020,,homicides,100,mine\n"), "r.csv", shipped_data)
    data = merge_upload(shipped_data, report, "replace")
    assert data.monthly[["city_id", "month"]].values.tolist() == [["niteroi", 3]]
    assert set(data.cities["city_id"]) == {"niteroi", "palmira"}
    assert data.indicators.query("indicator == 'homicides'")["value"].tolist() == [100.0]
