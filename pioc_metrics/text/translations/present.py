"""Strings of the presentation mode (/present)."""

STRINGS = {
    "pres_slide_of": {"en": "Slide {n} of {total}", "es": "Diapositiva {n} de {total}", "pt": "Slide {n} de {total}"},
    "pres_next": {"en": "Next ▶", "es": "Siguiente ▶", "pt": "Próximo ▶"},
    "pres_previous": {"en": "◀ Previous", "es": "◀ Anterior", "pt": "◀ Anterior"},
    "pres_keys": {"en": "Keys: → next, ← previous.", "es": "Teclas: → siguiente, ← anterior.", "pt": "Teclas: → próximo, ← anterior."},
    "pres_back": {"en": "Leave the presentation", "es": "Salir de la presentación", "pt": "Sair da apresentação"},
    "pres_bad_slide": {"en": "The link's slide number was not understood; showing slide 1.", "es": "No se entendió el número de diapositiva del enlace; se muestra la diapositiva 1.", "pt": "O número do slide no link não foi entendido; mostrando o slide 1."},
    "pres_language": {"en": "Language", "es": "Idioma", "pt": "Idioma"},
    "pres_title_map": {"en": "The Peace in Our Cities network", "es": "La red Peace in Our Cities", "pt": "A rede Peace in Our Cities"},
    "pres_title_city": {"en": "{city}: the long run", "es": "{city}: la trayectoria larga", "pt": "{city}: a trajetória longa"},
    "pres_title_network": {"en": "The network against the halving path", "es": "La red frente a la trayectoria de reducción a la mitad", "pt": "A rede frente à trajetória de redução pela metade"},
    "pres_title_statuses": {"en": "Where the cities stand", "es": "Dónde están las ciudades", "pt": "Onde estão as cidades"},
    "pres_title_pick": {"en": "Any city", "es": "Cualquier ciudad", "pt": "Qualquer cidade"},
    "pres_pick_city": {"en": "City", "es": "Ciudad", "pt": "Cidade"},
    "pres_map_headline": {"en": "{cities} cities on the map: {members} members, {prospective} prospective; {with_data} with violence figures so far.", "es": "{cities} ciudades en el mapa: {members} miembros, {prospective} potenciales; {with_data} con cifras de violencia hasta ahora.", "pt": "{cities} cidades no mapa: {members} membros, {prospective} potenciais; {with_data} com números de violência até agora."},
    "pres_map_source": {"en": "Source: coordinates and population from GeoNames (CC BY 4.0), DANE and Wikipedia; country outlines from Natural Earth; statuses from each city's sources (see the Methodology page).", "es": "Fuente: coordenadas y población de GeoNames (CC BY 4.0), DANE y Wikipedia; contornos de países de Natural Earth; estados según las fuentes de cada ciudad (ver la página Metodología).", "pt": "Fonte: coordenadas e população do GeoNames (CC BY 4.0), DANE e Wikipedia; contornos dos países do Natural Earth; situações conforme as fontes de cada cidade (ver a página Metodologia)."},
    "pres_map_alt": {"en": "World map of the network's cities, each marked with its status symbol and colour; the legend below lists the statuses.", "es": "Mapa mundial de las ciudades de la red, cada una marcada con el símbolo y el color de su estado; la leyenda de abajo enumera los estados.", "pt": "Mapa-múndi das cidades da rede, cada uma marcada com o símbolo e a cor da sua situação; a legenda abaixo lista as situações."},
    "pres_network_headline": {"en": "In {year} the median city stood at {value} (baseline {baseline} = 100); the path asks for {path}. {cities} cities behind that year.", "es": "En {year} la ciudad mediana estaba en {value} (base {baseline} = 100); la trayectoria pide {path}. {cities} ciudades detrás de ese año.", "pt": "Em {year} a cidade mediana estava em {value} (base {baseline} = 100); a trajetória pede {path}. {cities} cidades por trás desse ano."},
    "pres_network_none": {"en": "No city has values after {year} yet.", "es": "Ninguna ciudad tiene valores posteriores a {year} todavía.", "pt": "Nenhuma cidade tem valores após {year} ainda."},
    "pres_status_headline": {"en": "{good} of the {judged} cities with enough data have achieved the target or are on track ({total} cities in all).", "es": "{good} de las {judged} ciudades con datos suficientes alcanzaron la meta o van en camino ({total} ciudades en total).", "pt": "{good} das {judged} cidades com dados suficientes atingiram a meta ou estão no caminho ({total} cidades no total)."},
    "pres_no_data": {"en": "{city}: no data yet.", "es": "{city}: aún sin datos.", "pt": "{city}: ainda sem dados."},
    "pres_chart_alt": {"en": "Chart summary: {text}", "es": "Resumen del gráfico: {text}", "pt": "Resumo do gráfico: {text}"},
}
STRINGS["pres_reference_points"] = {"en": "Other sources, shown beside the main series: {points}", "es": "Otras fuentes, junto a la serie principal: {points}", "pt": "Outras fontes, ao lado da série principal: {points}"}
