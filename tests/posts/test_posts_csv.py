"""Reading and writing the posts file, without a database."""

from decimal import Decimal

import pytest

from roadmap.posts import csvio

HEADER = "name,country,latitude,longitude,stage,progress,estimated_cost\r\n"


def parse(text, encoding="utf-8"):
    return csvio.parse(text.encode(encoding))


def test_plain_utf8_with_commas():
    parsed = parse(HEADER + "Gaya,NER,11.88,3.45,procured,0,90000\r\n")
    assert parsed.problems == []
    assert parsed.delimiter == ","
    (row,) = parsed.rows
    assert row == {
        "line": 2,
        "name": "Gaya",
        "country": "NER",
        "latitude": 11.88,
        "longitude": 3.45,
        "stage": "procured",
        "progress": 0,
        "estimated_cost": Decimal("90000.00"),
    }


def test_utf8_with_bom_as_excel_writes_it():
    data = ("\ufeff" + HEADER + "Zégoua,MLI,10.48,-5.65,assessed,0,\r\n").encode("utf-8")
    parsed = csvio.parse(data)
    assert parsed.encoding == "UTF-8"
    assert parsed.rows[0]["name"] == "Zégoua"


def test_windows_1252_from_older_excel():
    parsed = parse(HEADER + "Hérémakono,Mali,11.16,-5.41,évalué,0,\r\n", "cp1252")
    assert parsed.encoding == "Windows-1252"
    assert parsed.problems == []
    assert parsed.rows[0]["name"] == "Hérémakono"
    assert parsed.rows[0]["stage"] == "assessed"


def test_semicolons_and_decimal_commas_from_french_excel():
    text = (
        "Nom;Pays;Latitude;Longitude;Étape;Avancement;Coût estimé\r\n"
        "Diboli;Mali;14,47;-12,19;Travaux en cours;45 %;26 000,50\r\n"
    )
    parsed = parse(text, "cp1252")
    assert parsed.delimiter == ";"
    assert parsed.problems == []
    row = parsed.rows[0]
    assert (row["latitude"], row["longitude"]) == (14.47, -12.19)
    assert row["stage"] == "works_in_progress"
    assert row["progress"] == 45
    assert row["estimated_cost"] == Decimal("26000.50")


def test_tab_separated():
    parsed = parse("name\tcountry\tlatitude\tlongitude\nRosso\tMR\t16.51\t-15.81\n")
    assert parsed.delimiter == "\t"
    assert parsed.rows[0]["country"] == "MRT"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("NER", "NER"),
        ("ne", "NER"),
        ("Niger", "NER"),
        ("Burkina Faso", "BFA"),
        ("Mauritanie", "MRT"),
        ("mauritania", "MRT"),
        ("Côte d’Ivoire", "CIV"),
        ("Cote d'Ivoire", "CIV"),
        ("Sénégal", "SEN"),
        ("Algérie", "DZA"),
        ("Tchad", "TCD"),
    ],
)
def test_country_names_and_codes(text, code):
    assert csvio.country_code(text) == code


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("identified", "identified"),
        ("Identifié", "identified"),
        ("ÉVALUÉ", "assessed"),
        ("Works in progress", "works_in_progress"),
        ("works_in_progress", "works_in_progress"),
        ("Achevé", "completed"),
        ("Handed over", "handed_over"),
        ("remis", "handed_over"),
    ],
)
def test_stage_names_in_english_and_french(text, stage):
    parsed = parse(f"name,country,latitude,longitude,stage\nX,NER,13.5,2.1,{text}\n")
    assert parsed.rows[0]["stage"] == stage


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("12500", "12500.00"),
        ("12 500,50", "12500.50"),
        ("12,500", "12500.00"),
        ("12,5", "12.50"),
        ("1,234.5", "1234.50"),
        ("1.234,5", "1234.50"),
        ("1\u202f250\u202f000", "1250000.00"),
    ],
)
def test_money_in_english_and_french_writing(text, amount):
    assert csvio.parse_money(text) == Decimal(amount)


def test_every_bad_row_is_listed_with_line_and_column():
    text = HEADER + (
        "Good,NER,13.5,2.1,assessed,0,\n"
        "No country,,13.5,2.1,assessed,0,\n"
        "Bad number,NER,abc,2.1,assessed,0,\n"
        "Bad stage,NER,13.5,2.1,demolished,0,\n"
        "Bad progress,NER,13.5,2.1,assessed,150,\n"
        "Bad cost,NER,13.5,2.1,assessed,0,lots\n"
    )
    parsed = parse(text)
    found = [(p.line, p.column) for p in parsed.problems]
    assert found == [
        (3, "country"),
        (4, "latitude"),
        (5, "stage"),
        (6, "progress"),
        (7, "estimated_cost"),
    ]
    assert [row["name"] for row in parsed.rows] == ["Good"]


def test_line_numbers_count_quoted_line_breaks_and_blank_lines():
    text = (
        "name,country,latitude,longitude,notes\n"
        'A,NER,13.5,2.1,"two\nlines"\n'
        "\n"
        ";;;;\n"
        "B,NER,xx,2.1,\n"
    )
    parsed = parse(text.replace(";;;;", ",,,,"))
    assert [(p.line, p.column) for p in parsed.problems] == [(6, "latitude")]
    assert parsed.rows[0]["notes"] == "two\nlines"


def test_the_same_post_twice_in_a_file():
    parsed = parse("name,country,latitude,longitude\nGaya,NER,11.88,3.45\ngaya,Niger,11.9,3.4\n")
    assert [(p.line, p.column) for p in parsed.problems] == [(3, "name")]


def test_a_row_check_adds_its_problems():
    parsed = csvio.parse(
        b"name,country,latitude,longitude\nGaya,NER,3.45,11.88\n",
        check_row=lambda row: {"latitude": "swapped"},
    )
    assert [(p.line, p.column, p.message) for p in parsed.problems] == [(2, "latitude", "swapped")]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"   \r\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"name,country\x01,latitude\n", "binary"),
        (b"PK\x03\x04\x14\x00\x06\x00", "workbook"),
        (b"name,country,latitude\nA,NER,1\n", "missing: longitude"),
        (b"nom;pays\nA;NER\n", "missing: latitude, longitude"),
        (b"name,name,country,latitude,longitude\n", "twice"),
    ],
)
def test_files_refused_as_a_whole(data, words):
    with pytest.raises(csvio.CsvError, match=words):
        csvio.parse(data)


def test_utf16_from_unicode_text_export():
    data = "name\tcountry\tlatitude\tlongitude\nAyorou\tNER\t14.73\t0.92\n".encode("utf-16")
    assert csvio.parse(data).rows[0]["name"] == "Ayorou"


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+33 1", "'+33 1"),
        ("-x", "'-x"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("\rCR", "'\rCR"),
        ("'=already", "''=already"),
        ("Plain", "Plain"),
        ("'quoted", "'quoted"),
        ("", ""),
    ],
)
def test_formula_like_text_is_neutralised_and_read_back(value, written):
    assert csvio.neutralise(value) == written
    assert csvio.unneutralise(written) == value


def test_export_neutralises_text_but_keeps_numbers_numbers():
    text = csvio.serialise(
        [
            {
                "name": "=1+1",
                "country": "MLI",
                "latitude": 11.16,
                "longitude": -5.41,
                "kind": "land",
                "priority": "high",
                "stage": "assessed",
                "progress": 0,
                "contractor": "@evil",
                "estimated_cost": Decimal("-0.00"),
                "spent": None,
                "notes": "-",
            },
        ]
    )
    line = text.splitlines()[1]
    assert line.startswith("'=1+1,MLI,,land,11.16,-5.41,high,assessed,0,'@evil,")
    assert line.endswith(",'-")


def test_written_file_reads_back_the_same():
    posts = [
        {
            "name": "=cmd|' /C calc'!A0",
            "country": "MRT",
            "neighbour_country": "SEN",
            "kind": "river",
            "latitude": 16.51,
            "longitude": -15.81,
            "priority": "high",
            "stage": "completed",
            "progress": 100,
            "contractor": 'Chinguetti; Travaux, "TP"',
            "estimated_cost": Decimal("35000.00"),
            "spent": Decimal("34100.50"),
            "notes": "Line one\nLine two",
        },
        {
            "name": "Kaédi",
            "country": "MRT",
            "neighbour_country": None,
            "kind": "land",
            "latitude": 16.15,
            "longitude": -13.5,
            "priority": "medium",
            "stage": "identified",
            "progress": 0,
            "contractor": "",
            "estimated_cost": None,
            "spent": None,
            "notes": "",
        },
    ]
    parsed = csvio.parse(csvio.encode(csvio.serialise(posts)))
    assert parsed.problems == []
    assert [{k: v for k, v in row.items() if k != "line"} for row in parsed.rows] == posts
