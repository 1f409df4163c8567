"""The corpus of bad uploads: each case is written into a folder at test time with the message
code(s) it must produce. Nothing large is committed; the 50 MB file is made on the fly.

    python -m tests.bad_inputs.make_corpus /tmp/corpus   # to look at the files by hand
"""

from __future__ import annotations

import io
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

HEADER = "city_id,year,indicator,value,series,source,note\n"
SOURCE = "Synthetic test file"


@dataclass(frozen=True)
class Case:
    name: str  # what is wrong, in words
    filename: str
    codes: frozenset[str]  # every one of these codes must be reported
    accepted: int | None = None  # values accepted, when it matters


def _long(*rows: str) -> bytes:
    return (HEADER + "".join(row + "\n" for row in rows)).encode("utf-8")


def _xlsx_with_only_an_image() -> bytes:
    import openpyxl
    from openpyxl.drawing.image import Image
    from PIL import Image as PILImage

    picture = io.BytesIO()
    PILImage.new("RGB", (40, 20), (0, 114, 178)).save(picture, format="PNG")
    picture.seek(0)
    workbook = openpyxl.Workbook()
    workbook.active.add_image(Image(picture), "B2")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _good_xlsx() -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["city_id", "year", "indicator", "value", "source"])
    for year in range(2015, 2024):
        sheet.append(["palmira", year, "homicides", 100 + year % 7, SOURCE])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (30 * 1024 * 1024))
    return buffer.getvalue()


def _parquet(table) -> bytes:
    import pyarrow.parquet as pq

    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def _strange_parquet() -> bytes:
    import pyarrow as pa

    return _parquet(pa.table({"nested": [[1, 2], [3]], "record": [{"a": 1}, {"a": 2}],
                              "blob": [b"\xff\x00", b"x"]}))


def _odd_but_valid_parquet() -> bytes:
    import decimal

    import pyarrow as pa

    return _parquet(pa.table({
        "city_id": pa.array(["palmira", "cali"]).dictionary_encode(),
        "year": pa.array([2020, 2021], type=pa.int16()),
        "indicator": ["homicides", "homicides"],
        "value": pa.array([decimal.Decimal("120.0"), decimal.Decimal("900.0")], type=pa.decimal128(6, 1)),
        "source": [SOURCE, SOURCE],
    }))


def cases() -> list[tuple[Case, bytes]]:
    """Every case with its bytes (the large ones are made here, in memory)."""
    good_xlsx = _good_xlsx()
    many_rows = HEADER + "".join(f"palmira,{2000 + i % 20},homicides,{i % 90},s{i},{SOURCE},\n"
                                 for i in range(100_001))
    return [
        (Case("wrong encoding (Windows-1252)", "latin.csv", frozenset({"encoding"}), accepted=1),
         "city_id,year,indicator,value,source,note\npalmira,2020,homicides,120,Policía,señal\n".encode("cp1252")),
        (Case("wrong delimiter (pipes)", "pipes.csv", frozenset({"unknown_layout"})),
         b"city_id|year|indicator|value|source\npalmira|2020|homicides|120|x\n"),
        (Case("empty file", "empty.csv", frozenset({"empty_file"})), b""),
        (Case("only blank lines", "blank.csv", frozenset({"empty_file"})), b"\n\n  \n"),
        (Case("header only", "header.csv", frozenset({"no_rows"})), HEADER.encode()),
        (Case("an xlsx that is only an image", "picture.xlsx", frozenset({"empty_file"})),
         _xlsx_with_only_an_image()),
        (Case("text in a number column", "text.csv", frozenset({"invalid_number"}), accepted=1),
         _long("palmira,2020,homicides,about 120,main,x,", "palmira,2021,homicides,110,main,x,")),
        (Case("negative value", "negative.csv", frozenset({"negative_value"}), accepted=0),
         _long("palmira,2020,homicides,-5,main,x,")),
        (Case("absurd rate", "absurd.csv", frozenset({"data_rate_impossible"}), accepted=0),
         _long("palmira,2020,homicide_rate,4200,main,x,")),
        (Case("very high rate (warning)", "high.csv", frozenset({"data_rate_high"}), accepted=1),
         _long("palmira,2020,homicide_rate,300,main,x,")),
        (Case("count above population", "count.csv", frozenset({"data_count_above_population"}), accepted=1),
         _long("palmira,2020,population,1000,main,x,", "palmira,2020,homicides,5000,main,x,")),
        (Case("absurd population", "population.csv", frozenset({"data_population_impossible"}), accepted=0),
         _long("palmira,2020,population,9000000000,main,x,")),
        (Case("year out of range", "years.csv", frozenset({"invalid_year"}), accepted=0),
         _long("palmira,1800,homicides,5,main,x,", "palmira,20x0,homicides,5,main,x,")),
        (Case("year in the future", "future.csv", frozenset({"data_future_year"}), accepted=0),
         _long("palmira,2099,homicides,5,main,x,")),
        (Case("duplicate keys with different values", "dupes.csv", frozenset({"conflicting_duplicate"}),
              accepted=0), _long("palmira,2020,homicides,5,main,x,", "palmira,2020,homicides,6,main,x,")),
        (Case("unknown city", "city.csv", frozenset({"unknown_city"}), accepted=0),
         _long("atlantis,2020,homicides,5,main,x,")),
        (Case("unknown country for a new city", "country.csv", frozenset({"data_country_unknown"}), accepted=0),
         b"city,country,year,indicator,value,source\nAtlantis,Neverland,2020,homicides,5,x\n"),
        (Case("unknown indicator", "indicator.csv", frozenset({"unknown_indicator"}), accepted=0),
         _long("palmira,2020,burglaries,5,main,x,")),
        (Case("missing source", "source.csv", frozenset({"missing_source"}), accepted=1),
         _long("palmira,2020,homicides,5,main,,", "palmira,2021,homicides,5,main,x,")),
        (Case("a 50 MB file", "big.csv", frozenset({"data_file_too_big"})),
         HEADER.encode() + b"palmira,2020,homicides,5,main,x,\n" * (50 * 1024 * 1024 // 34)),
        (Case("more rows than accepted", "rows.csv", frozenset({"data_too_many_rows"})), many_rows.encode()),
        (Case("truncated xlsx", "cut.xlsx", frozenset({"corrupt_file"})), good_xlsx[: len(good_xlsx) // 2]),
        (Case("zip bomb disguised as xlsx", "bomb.xlsx", frozenset({"file_too_large"})), _zip_bomb()),
        (Case("text file named .xlsx", "fake.xlsx", frozenset({"corrupt_file"})), b"city_id,year\npalmira,2020\n"),
        (Case("legacy .xls", "old.xls", frozenset({"unsupported_format"})), b"\xd0\xcf\x11\xe0" + b"\0" * 600),
        (Case("parquet with a strange schema", "odd.parquet", frozenset({"unknown_layout"})), _strange_parquet()),
        (Case("parquet with dictionary, int16 and decimal columns", "typed.parquet", frozenset(), accepted=2),
         _odd_but_valid_parquet()),
        (Case("template example row left in", "template.csv", frozenset({"data_example_row"}), accepted=0),
         b"city_id,year,indicator,value,source,note\npalmira,2019,homicide_rate,36.6,x,EXAMPLE ROW: replace\n"),
    ]


def make_corpus(directory: Path) -> list[tuple[Case, Path]]:
    """Write every case into `directory`; returns (case, path) pairs."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for case, content in cases():
        path = directory / case.filename
        path.write_bytes(content)
        written.append((case, path))
    return written


if __name__ == "__main__":
    for case, path in make_corpus(Path(sys.argv[1] if len(sys.argv) > 1 else "bad_inputs_corpus")):
        print(f"{path}  ->  {', '.join(sorted(case.codes)) or 'accepted'}  ({case.name})")
