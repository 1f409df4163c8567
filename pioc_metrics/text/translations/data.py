"""The Data page: coverage, table, downloads, template, uploads and their report."""

STRINGS = {
    # --- page ---------------------------------------------------------------
    "data_title": {"en": "Data and sources", "es": "Datos y fuentes", "pt": "Dados e fontes"},
    "data_intro": {"en": "Every value has a source. See which years each city has, filter and download the table, "
                         "or upload your city's figures to see them against the target (this browser session only).",
                   "es": "Cada valor tiene su fuente. Vea qué años tiene cada ciudad, filtre y descargue la tabla, "
                         "o cargue las cifras de su ciudad para verlas frente a la meta (solo en esta sesión del navegador).",
                   "pt": "Cada valor tem sua fonte. Veja quais anos cada cidade tem, filtre e baixe a tabela, "
                         "ou carregue os números da sua cidade para vê-los diante da meta (somente nesta sessão do navegador)."},
    "data_tab_coverage": {"en": "Coverage", "es": "Cobertura", "pt": "Cobertura"},
    "data_tab_table": {"en": "Table and downloads", "es": "Tabla y descargas", "pt": "Tabela e downloads"},
    "data_tab_upload": {"en": "Upload your data", "es": "Cargar sus datos", "pt": "Carregar seus dados"},
    "data_tab_template": {"en": "Template", "es": "Plantilla", "pt": "Modelo"},
    "data_shipped": {"en": "shipped", "es": "incluidos", "pt": "incluídos"},
    "data_unexpected_page": {
        "en": "Something went wrong while reading this file. Nothing was changed; check that it is a .csv, "
              ".xlsx or .parquet table, or try the template.",
        "es": "Algo falló al leer este archivo. No se cambió nada; revise que sea una tabla .csv, .xlsx o .parquet, "
              "o use la plantilla.",
        "pt": "Algo deu errado ao ler este arquivo. Nada foi alterado; confira se é uma tabela .csv, .xlsx ou "
              ".parquet, ou use o modelo."},
    # --- coverage -------------------------------------------------------------
    "data_cell_missing": {"en": "no value", "es": "sin valor", "pt": "sem valor"},
    "data_cell_given": {"en": "value from a source", "es": "valor de una fuente", "pt": "valor de uma fonte"},
    "data_cell_derived": {"en": "derived from counts and population", "es": "calculado con conteos y población",
                          "pt": "calculado com contagens e população"},
    "data_cell_upload": {"en": "your data", "es": "sus datos", "pt": "seus dados"},
    "data_coverage_title": {"en": "{indicator}: which years have a value, by city (series: {series})",
                            "es": "{indicator}: qué años tienen un valor, por ciudad (serie: {series})",
                            "pt": "{indicator}: quais anos têm um valor, por cidade (série: {series})"},
    "data_coverage_source": {"en": "Each value's source is in the table (tab “Table and downloads”).",
                             "es": "La fuente de cada valor está en la tabla (pestaña «Tabla y descargas»).",
                             "pt": "A fonte de cada valor está na tabela (aba “Tabela e downloads”)."},
    "data_coverage_summary": {
        "en": "{values} values for {cities} of {all_cities} cities, {first} to {last}.",
        "es": "{values} valores para {cities} de {all_cities} ciudades, de {first} a {last}.",
        "pt": "{values} valores para {cities} de {all_cities} cidades, de {first} a {last}."},
    "data_coverage_none": {"en": "No values for this indicator and series yet.",
                           "es": "Aún no hay valores para este indicador y esta serie.",
                           "pt": "Ainda não há valores para este indicador e esta série."},
    # --- table and downloads ----------------------------------------------------
    "data_filter_cities": {"en": "Cities (empty: all)", "es": "Ciudades (vacío: todas)", "pt": "Cidades (vazio: todas)"},
    "data_filter_indicators": {"en": "Indicators (empty: all)", "es": "Indicadores (vacío: todos)",
                               "pt": "Indicadores (vazio: todos)"},
    "data_filter_series": {"en": "Series (empty: all)", "es": "Series (vacío: todas)", "pt": "Séries (vazio: todas)"},
    "data_filter_years": {"en": "Years", "es": "Años", "pt": "Anos"},
    "data_rows_shown": {"en": "{rows} rows match the filters; the downloads contain exactly these rows.",
                        "es": "{rows} filas cumplen los filtros; las descargas contienen exactamente estas filas.",
                        "pt": "{rows} linhas atendem aos filtros; os downloads contêm exatamente essas linhas."},
    "data_download_csv": {"en": "Download these rows (CSV)", "es": "Descargar estas filas (CSV)",
                          "pt": "Baixar estas linhas (CSV)"},
    "data_download_excel": {"en": "Download these rows (Excel)", "es": "Descargar estas filas (Excel)",
                            "pt": "Baixar estas linhas (Excel)"},
    "data_col_indicator": {"en": "Indicator", "es": "Indicador", "pt": "Indicador"},
    "data_col_derived": {"en": "Derived", "es": "Calculado", "pt": "Calculado"},
    "data_col_origin": {"en": "Data", "es": "Datos", "pt": "Dados"},
    # --- template ---------------------------------------------------------------
    "data_template_intro": {
        "en": "The template has the columns of the data format and one example row, a real value with its "
              "source: replace it with your own rows. The second sheet lists the indicator ids, the third the "
              "known cities.",
        "es": "La plantilla tiene las columnas del formato de datos y una fila de ejemplo, un valor real con su "
              "fuente: reemplácela por sus propias filas. La segunda hoja lista los identificadores de "
              "indicadores; la tercera, las ciudades conocidas.",
        "pt": "O modelo tem as colunas do formato de dados e uma linha de exemplo, um valor real com sua fonte: "
              "substitua-a pelas suas próprias linhas. A segunda planilha lista os identificadores dos "
              "indicadores; a terceira, as cidades conhecidas."},
    "data_download_template_excel": {"en": "Download the template (Excel)", "es": "Descargar la plantilla (Excel)",
                                     "pt": "Baixar o modelo (Excel)"},
    "data_download_template_csv": {"en": "Download the template (CSV)", "es": "Descargar la plantilla (CSV)",
                                   "pt": "Baixar o modelo (CSV)"},
    "data_template_example_note": {
        "en": "EXAMPLE ROW (a real value and its source): replace it with your own rows",
        "es": "EJEMPLO (un valor real y su fuente): reemplace esta fila por las suyas",
        "pt": "EXEMPLO (um valor real e sua fonte): substitua esta linha pelas suas"},
    "data_template_help_1": {
        "en": "One row per city, year and indicator. Columns: city_id (or city and country for a new city), year, "
              "indicator, value, source; series and note are optional.",
        "es": "Una fila por ciudad, año e indicador. Columnas: city_id (o city y country para una ciudad nueva), "
              "year, indicator, value, source; series y note son opcionales.",
        "pt": "Uma linha por cidade, ano e indicador. Colunas: city_id (ou city e country para uma cidade nova), "
              "year, indicator, value, source; series e note são opcionais."},
    "data_template_help_2": {
        "en": "indicator: one of the ids on the sheet 'indicators' (e.g. homicide_rate, homicides, population).",
        "es": "indicator: uno de los identificadores de la hoja 'indicators' (p. ej. homicide_rate, homicides, population).",
        "pt": "indicator: um dos identificadores da planilha 'indicators' (ex.: homicide_rate, homicides, population)."},
    "data_template_help_3": {
        "en": "value: a number, zero or more; leave it empty when unknown (empty is not zero). Rates are per 100,000.",
        "es": "value: un número, cero o más; déjelo vacío si no se conoce (vacío no es cero). Las tasas son por 100.000.",
        "pt": "value: um número, zero ou mais; deixe vazio se não souber (vazio não é zero). As taxas são por 100.000."},
    "data_template_help_4": {
        "en": "source: a link or a citation for every row; a row without a source is rejected.",
        "es": "source: un enlace o una referencia en cada fila; una fila sin fuente se rechaza.",
        "pt": "source: um link ou uma referência em cada linha; uma linha sem fonte é rejeitada."},
    "data_template_help_5": {
        "en": "A new city: give city and country; lat and lon if the city is not in the offline gazetteer (GeoNames).",
        "es": "Una ciudad nueva: indique city y country; lat y lon si la ciudad no está en el nomenclátor sin conexión (GeoNames).",
        "pt": "Uma cidade nova: informe city e country; lat e lon se a cidade não estiver no gazetteer offline (GeoNames)."},
    "data_template_help_6": {
        "en": "Delete the example row (its note starts with EXAMPLE) before uploading; if left in, it is skipped.",
        "es": "Borre la fila de ejemplo (su nota empieza con EJEMPLO) antes de cargar; si queda, se omite.",
        "pt": "Apague a linha de exemplo (a nota começa com EXEMPLO) antes de carregar; se ficar, é ignorada."},
    # --- upload -----------------------------------------------------------------
    "data_upload_label": {"en": "Your file (.csv, .xlsx or .parquet)", "es": "Su archivo (.csv, .xlsx o .parquet)",
                          "pt": "Seu arquivo (.csv, .xlsx ou .parquet)"},
    "data_upload_help": {
        "en": "Long format (city_id, year, indicator, value, source), wide format (city_id or city, year, one "
              "column per indicator, source) or a single city's sheet (year and indicator columns; you choose the "
              "city and source below). Nothing you upload is stored: it is used in this browser session only.",
        "es": "Formato largo (city_id, year, indicator, value, source), ancho (city_id o city, year, una columna "
              "por indicador, source) o la hoja de una sola ciudad (year y columnas de indicadores; la ciudad y la "
              "fuente se eligen abajo). Nada de lo que cargue se guarda: se usa solo en esta sesión del navegador.",
        "pt": "Formato longo (city_id, year, indicator, value, source), largo (city_id ou city, year, uma coluna "
              "por indicador, source) ou a planilha de uma só cidade (year e colunas de indicadores; a cidade e a "
              "fonte são escolhidas abaixo). Nada do que você carregar é guardado: é usado só nesta sessão do navegador."},
    "data_active": {"en": "Your data is in use on every page of this browser session ({mode}). File:",
                    "es": "Sus datos se usan en todas las páginas de esta sesión del navegador ({mode}). Archivo:",
                    "pt": "Seus dados estão em uso em todas as páginas desta sessão do navegador ({mode}). Arquivo:"},
    "data_remove": {"en": "Remove my data (back to the shipped data)", "es": "Quitar mis datos (volver a los incluidos)",
                    "pt": "Remover meus dados (voltar aos incluídos)"},
    "data_mode_label": {"en": "How should your rows be used?", "es": "¿Cómo usar sus filas?",
                        "pt": "Como usar suas linhas?"},
    "data_mode_extend": {"en": "Extend the shipped data (your rows win where the same city, year, indicator and "
                               "series exist)",
                         "es": "Ampliar los datos incluidos (sus filas prevalecen donde ya existan la misma ciudad, "
                               "año, indicador y serie)",
                         "pt": "Ampliar os dados incluídos (suas linhas prevalecem onde já existam a mesma cidade, "
                               "ano, indicador e série)"},
    "data_mode_replace": {"en": "Replace the shipped data (only your cities and rows are shown)",
                          "es": "Reemplazar los datos incluidos (solo se muestran sus ciudades y filas)",
                          "pt": "Substituir os dados incluídos (só suas cidades e linhas são mostradas)"},
    "data_mode_short_extend": {"en": "extending the shipped data", "es": "ampliando los datos incluidos",
                               "pt": "ampliando os dados incluídos"},
    "data_mode_short_replace": {"en": "replacing the shipped data", "es": "reemplazando los datos incluidos",
                                "pt": "substituindo os dados incluídos"},
    "data_apply": {"en": "Use the accepted rows", "es": "Usar las filas aceptadas", "pt": "Usar as linhas aceitas"},
    "data_form_title": {"en": "This sheet needs a few details", "es": "A esta hoja le faltan algunos datos",
                        "pt": "Faltam alguns dados nesta planilha"},
    "data_form_city": {"en": "City of this sheet", "es": "Ciudad de esta hoja", "pt": "Cidade desta planilha"},
    "data_form_new_city": {"en": "A city not in the list…", "es": "Una ciudad que no está en la lista…",
                           "pt": "Uma cidade fora da lista…"},
    "data_form_city_name": {"en": "New city: name", "es": "Ciudad nueva: nombre", "pt": "Cidade nova: nome"},
    "data_form_country": {"en": "New city: country", "es": "Ciudad nueva: país", "pt": "Cidade nova: país"},
    "data_form_lat": {"en": "Latitude (optional; else the gazetteer)", "es": "Latitud (opcional; si no, el nomenclátor)",
                      "pt": "Latitude (opcional; senão o gazetteer)"},
    "data_form_lon": {"en": "Longitude (optional)", "es": "Longitud (opcional)", "pt": "Longitude (opcional)"},
    "data_form_source": {"en": "Source of these figures (a link or a citation)",
                         "es": "Fuente de estas cifras (un enlace o una referencia)",
                         "pt": "Fonte destes números (um link ou uma referência)"},
    "data_form_submit": {"en": "Check the file", "es": "Revisar el archivo", "pt": "Verificar o arquivo"},
    "data_report_title": {"en": "Validation report", "es": "Informe de validación", "pt": "Relatório de validação"},
    "data_report_summary": {
        "en": "{rows} rows read: {values} values accepted; {rejected} rows rejected; {skipped} rows skipped.",
        "es": "{rows} filas leídas: {values} valores aceptados; {rejected} filas rechazadas; {skipped} filas omitidas.",
        "pt": "{rows} linhas lidas: {values} valores aceitos; {rejected} linhas rejeitadas; {skipped} linhas ignoradas."},
    "data_report_file_problem": {"en": "The file could not be used:", "es": "No se pudo usar el archivo:",
                                 "pt": "Não foi possível usar o arquivo:"},
    "data_report_none_accepted": {"en": "No row can be used yet: fix the rows listed below and upload the file again.",
                                  "es": "Aún no se puede usar ninguna fila: corrija las filas de la lista y vuelva a cargar el archivo.",
                                  "pt": "Nenhuma linha pode ser usada ainda: corrija as linhas listadas e carregue o arquivo de novo."},
    "data_report_rejected_title": {"en": "Rejected rows: what to fix", "es": "Filas rechazadas: qué corregir",
                                   "pt": "Linhas rejeitadas: o que corrigir"},
    "data_report_warnings_title": {"en": "Notes (rows kept or harmlessly skipped)",
                                   "es": "Avisos (filas conservadas u omitidas sin problema)",
                                   "pt": "Avisos (linhas mantidas ou ignoradas sem problema)"},
    "data_report_placements_title": {"en": "New cities and the coordinates used",
                                     "es": "Ciudades nuevas y coordenadas usadas",
                                     "pt": "Cidades novas e coordenadas usadas"},
    "data_report_replaced": {
        "en": "{count} of your values have the same city, year, indicator and series as shipped values: "
              "when extending, your values are used for those.",
        "es": "{count} de sus valores tienen la misma ciudad, año, indicador y serie que valores incluidos: "
              "al ampliar, se usan los suyos.",
        "pt": "{count} dos seus valores têm a mesma cidade, ano, indicador e série que valores incluídos: "
              "ao ampliar, os seus são usados."},
    "data_col_row": {"en": "Row", "es": "Fila", "pt": "Linha"},
    "data_col_column": {"en": "Column", "es": "Columna", "pt": "Coluna"},
    "data_col_reason": {"en": "Reason", "es": "Motivo", "pt": "Motivo"},
    "data_col_lat": {"en": "Latitude", "es": "Latitud", "pt": "Latitude"},
    "data_col_lon": {"en": "Longitude", "es": "Longitud", "pt": "Longitude"},
    "data_col_entry": {"en": "Coordinates from", "es": "Coordenadas de", "pt": "Coordenadas de"},
    "data_entry_from_file": {"en": "your file", "es": "su archivo", "pt": "seu arquivo"},
    "data_whole_file": {"en": "whole file", "es": "todo el archivo", "pt": "arquivo inteiro"},
    # --- reasons (Problem codes of pioc_metrics.data.upload) ---------------------------
    "data_unexpected": {
        "en": "the file could not be checked ({detail}); nothing was changed. Save it again as .csv or .xlsx and retry",
        "es": "no se pudo revisar el archivo ({detail}); no se cambió nada. Guárdelo de nuevo como .csv o .xlsx y reintente",
        "pt": "não foi possível verificar o arquivo ({detail}); nada foi alterado. Salve-o de novo como .csv ou .xlsx e tente outra vez"},
    "data_file_too_big": {
        "en": "the file is {megabytes} MB; files up to {limit} MB are accepted: split it (e.g. one file per city)",
        "es": "el archivo pesa {megabytes} MB; se aceptan hasta {limit} MB: divídalo (p. ej. un archivo por ciudad)",
        "pt": "o arquivo tem {megabytes} MB; são aceitos até {limit} MB: divida-o (ex.: um arquivo por cidade)"},
    "data_too_many_rows": {
        "en": "the file has {rows} rows; up to {limit} are accepted: split it (e.g. one file per city)",
        "es": "el archivo tiene {rows} filas; se aceptan hasta {limit}: divídalo (p. ej. un archivo por ciudad)",
        "pt": "o arquivo tem {rows} linhas; são aceitas até {limit}: divida-o (ex.: um arquivo por cidade)"},
    "data_form_needed": {
        "en": "the file has no '{column}' column: fill it in the form below",
        "es": "el archivo no tiene la columna '{column}': complétela en el formulario de abajo",
        "pt": "o arquivo não tem a coluna '{column}': preencha-a no formulário abaixo"},
    "data_example_row": {
        "en": "this is the template's example row; it is skipped",
        "es": "esta es la fila de ejemplo de la plantilla; se omite",
        "pt": "esta é a linha de exemplo do modelo; ela é ignorada"},
    "data_country_unknown": {
        "en": "the country '{country}' of '{value}' is not recognised: write it in English, Spanish or Portuguese, "
              "or as a code (COL, CO), or give lat and lon",
        "es": "no se reconoce el país '{country}' de '{value}': escríbalo en inglés, español o portugués, o como "
              "código (COL, CO), o indique lat y lon",
        "pt": "o país '{country}' de '{value}' não foi reconhecido: escreva-o em inglês, espanhol ou português, ou "
              "como código (COL, CO), ou informe lat e lon"},
    "data_not_in_gazetteer": {
        "en": "'{value}' ({country}) is not in the offline gazetteer (cities of 15,000 or more): add lat and lon columns",
        "es": "'{value}' ({country}) no está en el nomenclátor sin conexión (ciudades de 15.000 o más): agregue las columnas lat y lon",
        "pt": "'{value}' ({country}) não está no gazetteer offline (cidades de 15.000 ou mais): inclua as colunas lat e lon"},
    "data_placed": {
        "en": "'{value}' is a new city; placed at {lat}, {lon} from {entry}",
        "es": "'{value}' es una ciudad nueva; ubicada en {lat}, {lon} según {entry}",
        "pt": "'{value}' é uma cidade nova; localizada em {lat}, {lon} segundo {entry}"},
    "data_rate_impossible": {
        "en": "a rate of {value} per 100,000 is impossible (above {max}); check the unit: is it a count?",
        "es": "una tasa de {value} por 100.000 es imposible (más de {max}); revise la unidad: ¿es un conteo?",
        "pt": "uma taxa de {value} por 100.000 é impossível (acima de {max}); confira a unidade: é uma contagem?"},
    "data_rate_high": {
        "en": "a rate of {value} per 100,000 is unusually high (above {max}); it is kept, check that it is per 100,000",
        "es": "una tasa de {value} por 100.000 es inusualmente alta (más de {max}); se conserva, revise que sea por 100.000",
        "pt": "uma taxa de {value} por 100.000 é muito alta (acima de {max}); é mantida, confira se é por 100.000"},
    "data_share_impossible": {
        "en": "{value} % is more than 100 %", "es": "{value} % es más del 100 %", "pt": "{value} % é mais de 100 %"},
    "data_population_impossible": {
        "en": "a population of {value} is larger than any city's (limit {max})",
        "es": "una población de {value} es mayor que la de cualquier ciudad (límite {max})",
        "pt": "uma população de {value} é maior que a de qualquer cidade (limite {max})"},
    "data_count_above_population": {
        "en": "{value} is more than the city's population that year ({population})",
        "es": "{value} es más que la población de la ciudad ese año ({population})",
        "pt": "{value} é mais que a população da cidade naquele ano ({population})"},
    "data_count_not_whole": {
        "en": "{value} is a count with decimals; it is kept, check it",
        "es": "{value} es un conteo con decimales; se conserva, revíselo",
        "pt": "{value} é uma contagem com decimais; é mantida, confira"},
    "data_future_year": {
        "en": "the year {year_value} is in the future (this is {year}); only observed years are accepted",
        "es": "el año {year_value} está en el futuro (estamos en {year}); solo se aceptan años observados",
        "pt": "o ano {year_value} está no futuro (estamos em {year}); só anos observados são aceitos"},
}
