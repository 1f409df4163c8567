"""Reasons a file or row is rejected or flagged: one key per Problem code (pioc_metrics.data.loading)."""

STRINGS = {
    # Whole files
    "unreadable": {
        "en": "the file cannot be read ({detail})",
        "es": "no se puede leer el archivo ({detail})",
        "pt": "não é possível ler o arquivo ({detail})",
    },
    "empty_file": {
        "en": "the file is empty",
        "es": "el archivo está vacío",
        "pt": "o arquivo está vazio",
    },
    "no_rows": {
        "en": "the file has a header but no data rows",
        "es": "el archivo tiene encabezado pero ninguna fila de datos",
        "pt": "o arquivo tem cabeçalho, mas nenhuma linha de dados",
    },
    "unsupported_format": {
        "en": "files of type '{extension}' are not accepted; save the sheet as .csv, .xlsx or .parquet",
        "es": "no se aceptan archivos de tipo '{extension}'; guarde la hoja como .csv, .xlsx o .parquet",
        "pt": "arquivos do tipo '{extension}' não são aceitos; salve a planilha como .csv, .xlsx ou .parquet",
    },
    "corrupt_file": {
        "en": "the file is damaged or is not a valid {format} file",
        "es": "el archivo está dañado o no es un archivo {format} válido",
        "pt": "o arquivo está corrompido ou não é um arquivo {format} válido",
    },
    "file_too_large": {
        "en": "the file would take {megabytes} MB once unpacked, more than is accepted",
        "es": "el archivo ocuparía {megabytes} MB al descomprimirse, más de lo que se acepta",
        "pt": "o arquivo ocuparia {megabytes} MB ao ser descompactado, mais do que o aceito",
    },
    "encoding": {
        "en": "the file is not UTF-8; it was read as {encoding}, check that accented letters look right",
        "es": "el archivo no está en UTF-8; se leyó como {encoding}: revise que las tildes se vean bien",
        "pt": "o arquivo não está em UTF-8; foi lido como {encoding}: confira se os acentos aparecem corretamente",
    },
    "missing_file": {
        "en": "the file does not exist or cannot be opened",
        "es": "el archivo no existe o no se puede abrir",
        "pt": "o arquivo não existe ou não pode ser aberto",
    },
    "no_table_files": {
        "en": "the folder has no .csv, .xlsx or .parquet files",
        "es": "la carpeta no tiene archivos .csv, .xlsx ni .parquet",
        "pt": "a pasta não tem arquivos .csv, .xlsx nem .parquet",
    },
    # Columns and layout
    "missing_column": {
        "en": "the required column '{column}' is missing",
        "es": "falta la columna obligatoria '{column}'",
        "pt": "falta a coluna obrigatória '{column}'",
    },
    "duplicate_column": {
        "en": "the column '{column}' appears twice; only the first one is used",
        "es": "la columna '{column}' aparece dos veces; solo se usa la primera",
        "pt": "a coluna '{column}' aparece duas vezes; só a primeira é usada",
    },
    "column_stringified": {
        "en": "the column '{column}' has an unusual type ({type}) and was read as text",
        "es": "la columna '{column}' tiene un tipo inusual ({type}) y se leyó como texto",
        "pt": "a coluna '{column}' tem um tipo incomum ({type}) e foi lida como texto",
    },
    "unknown_layout": {
        "en": "the layout is not recognised: expected the columns city_id, year, indicator, value "
              "and source, or a year column and indicator columns ({indicators}); missing: {missing}",
        "es": "no se reconoce la estructura: se esperaban las columnas city_id, year, indicator, value "
              "y source, o una columna year y columnas de indicadores ({indicators}); faltan: {missing}",
        "pt": "a estrutura não foi reconhecida: esperavam-se as colunas city_id, year, indicator, value "
              "e source, ou uma coluna year e colunas de indicadores ({indicators}); faltam: {missing}",
    },
    "extra_cells": {
        "en": "the row has {count} more cells than the header; they are ignored",
        "es": "la fila tiene {count} celdas más que el encabezado; se ignoran",
        "pt": "a linha tem {count} células a mais que o cabeçalho; elas são ignoradas",
    },
    # Rows
    "empty_row": {
        "en": "no indicator value in this row; it is skipped",
        "es": "esta fila no tiene ningún valor de indicador; se omite",
        "pt": "esta linha não tem nenhum valor de indicador; ela é ignorada",
    },
    "missing_value": {
        "en": "'{column}' is required but empty",
        "es": "'{column}' es obligatorio pero está vacío",
        "pt": "'{column}' é obrigatório, mas está vazio",
    },
    "empty_value": {
        "en": "the value is empty (a missing value, not zero); the row is skipped",
        "es": "el valor está vacío (un dato faltante, no un cero); se omite la fila",
        "pt": "o valor está vazio (um dado ausente, não zero); a linha é ignorada",
    },
    "invalid_number": {
        "en": "'{value}' is not a number",
        "es": "'{value}' no es un número",
        "pt": "'{value}' não é um número",
    },
    "negative_value": {
        "en": "the value {value} is negative; values must be zero or more",
        "es": "el valor {value} es negativo; los valores deben ser cero o más",
        "pt": "o valor {value} é negativo; os valores devem ser zero ou mais",
    },
    "out_of_range": {
        "en": "{value} is outside the range {min} to {max}",
        "es": "{value} está fuera del rango de {min} a {max}",
        "pt": "{value} está fora do intervalo de {min} a {max}",
    },
    "invalid_year": {
        "en": "'{value}' is not a year between {min} and {max}",
        "es": "'{value}' no es un año entre {min} y {max}",
        "pt": "'{value}' não é um ano entre {min} e {max}",
    },
    "missing_source": {
        "en": "the source is empty; every value needs a source (a link or a citation)",
        "es": "falta la fuente; cada valor necesita una fuente (un enlace o una referencia)",
        "pt": "falta a fonte; cada valor precisa de uma fonte (um link ou uma referência)",
    },
    "unknown_indicator": {
        "en": "'{value}' is not an indicator of the catalog",
        "es": "'{value}' no es un indicador del catálogo",
        "pt": "'{value}' não é um indicador do catálogo",
    },
    "unknown_city": {
        "en": "the city '{value}' is not in the list of cities; to add it, give city, country, lat and lon",
        "es": "la ciudad '{value}' no está en la lista de ciudades; para agregarla, indique city, country, lat y lon",
        "pt": "a cidade '{value}' não está na lista de cidades; para incluí-la, informe city, country, lat e lon",
    },
    "ambiguous_city": {
        "en": "more than one city is called '{value}'; use the city_id column instead",
        "es": "hay más de una ciudad llamada '{value}'; use la columna city_id",
        "pt": "há mais de uma cidade chamada '{value}'; use a coluna city_id",
    },
    "new_city": {
        "en": "'{value}' is a new city; it is added as '{city_id}'",
        "es": "'{value}' es una ciudad nueva; se agrega como '{city_id}'",
        "pt": "'{value}' é uma cidade nova; ela é incluída como '{city_id}'",
    },
    "duplicate_row": {
        "en": "the same value for {key} is already in row {rows}; this row is dropped",
        "es": "el mismo valor para {key} ya está en la fila {rows}; se descarta esta fila",
        "pt": "o mesmo valor para {key} já está na linha {rows}; esta linha é descartada",
    },
    "conflicting_duplicate": {
        "en": "rows {rows} give different values for {key}; keep one of them (or give each its own series)",
        "es": "las filas {rows} dan valores distintos para {key}; deje solo una (o asigne a cada una su propia serie)",
        "pt": "as linhas {rows} dão valores diferentes para {key}; mantenha só uma (ou dê a cada uma sua própria série)",
    },
    # cities.csv
    "invalid_city_id": {
        "en": "'{value}' is not a valid city_id: use lower-case letters, digits and hyphens (e.g. godoy-cruz)",
        "es": "'{value}' no es un city_id válido: use minúsculas, dígitos y guiones (p. ej. godoy-cruz)",
        "pt": "'{value}' não é um city_id válido: use letras minúsculas, dígitos e hífens (ex.: godoy-cruz)",
    },
    "duplicate_city_id": {
        "en": "the city_id '{value}' is already used in row {first_row}",
        "es": "el city_id '{value}' ya se usa en la fila {first_row}",
        "pt": "o city_id '{value}' já é usado na linha {first_row}",
    },
    "invalid_iso3": {
        "en": "'{value}' is not a three-letter country code (ISO 3166-1 alpha-3, e.g. COL)",
        "es": "'{value}' no es un código de país de tres letras (ISO 3166-1 alfa-3, p. ej. COL)",
        "pt": "'{value}' não é um código de país de três letras (ISO 3166-1 alfa-3, ex.: BRA)",
    },
    "invalid_status": {
        "en": "'{value}' is not a valid status; use one of: {choices}",
        "es": "'{value}' no es un estado válido; use uno de: {choices}",
        "pt": "'{value}' não é um status válido; use um destes: {choices}",
    },
    "invalid_population": {
        "en": "'{value}' is not a population: use a whole number greater than zero",
        "es": "'{value}' no es una población: use un número entero mayor que cero",
        "pt": "'{value}' não é uma população: use um número inteiro maior que zero",
    },
    # indicator_catalog.csv
    "invalid_indicator_id": {
        "en": "'{value}' is not a valid indicator id: use lower-case letters, digits and underscores",
        "es": "'{value}' no es un identificador de indicador válido: use minúsculas, dígitos y guiones bajos",
        "pt": "'{value}' não é um identificador de indicador válido: use letras minúsculas, dígitos e sublinhados",
    },
    "invalid_choice": {
        "en": "'{value}' is not allowed here; use one of: {choices}",
        "es": "'{value}' no se admite aquí; use uno de: {choices}",
        "pt": "'{value}' não é permitido aqui; use um destes: {choices}",
    },
    "duplicate_indicator": {
        "en": "the indicator '{value}' is defined twice",
        "es": "el indicador '{value}' está definido dos veces",
        "pt": "o indicador '{value}' está definido duas vezes",
    },
}
