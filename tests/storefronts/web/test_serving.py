"""How the server hands out the web shop: only when a storefront token is configured (as
`agora serve --demo` does), with a strict CSP on the shop's pages and nothing changed on the API.
The shop's own code is checked here too: it renders API text as text, never as HTML."""

import re
from pathlib import Path

from server.web_shop import SHOP_DIRECTORY
from tests.conftest import make_settings
from tests.support.apps import serving

TOKEN = "agora_pt_example"
STOREFRONT = "{ storefront { name } }"


async def test_the_shop_is_served_with_its_config_and_a_strict_csp(database_url: str) -> None:
    # given a server told which storefront its web shop sells for
    async with serving(make_settings(database_url, web_shop_token=TOKEN)) as http:
        # when a browser opens the shop and its configuration
        page = await http.get("/shop/")
        config = await http.get("/shop/config.json")
        script = await http.get("/shop/js/app.js")
        bare = await http.get("/shop", follow_redirects=False)
    # then it gets the page, pointed at this server's API with the storefront's public token
    assert page.status_code == 200
    assert '<script type="module" src="js/app.js">' in page.text
    assert config.json() == {"apiUrl": "/graphql", "storefrontToken": TOKEN}
    assert script.headers["content-type"].startswith(("text/javascript", "application/javascript"))
    assert bare.status_code in (301, 307, 308) and bare.headers["location"].endswith("/shop/")
    # and every answer under /shop/ carries a CSP allowing only this origin's scripts and styles
    for response in (page, config, script):
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "style-src 'self'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "frame-ancestors 'none'" in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "x-request-id" in response.headers


async def test_the_api_keeps_its_own_headers_when_the_shop_is_served(database_url: str) -> None:
    async with serving(make_settings(database_url, web_shop_token=TOKEN)) as http:
        answer = await http.post("/graphql", json={"query": STOREFRONT})
    assert "content-security-policy" not in answer.headers
    assert answer.headers["cache-control"] == "private, no-store"


async def test_without_a_shop_token_there_is_no_shop(database_url: str) -> None:
    # given production (or any server not told to serve the shop)
    settings = make_settings(
        database_url, environment="production", secret_key="x" * 40, graphiql=False
    )
    async with serving(settings) as http:
        assert (await http.get("/shop/")).status_code == 404
        assert (await http.get("/shop/config.json")).status_code == 404
        assert (await http.get("/healthz")).status_code == 200


def test_the_shop_renders_api_text_as_text() -> None:
    # innerHTML appears once: dom.js's richText, for the API's sanitised descriptionHtml
    sources = {
        path.relative_to(SHOP_DIRECTORY).as_posix(): path.read_text()
        for path in SHOP_DIRECTORY.rglob("*.js")
    }
    writers = {
        name: len(re.findall(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write", text))
        for name, text in sources.items()
    }
    assert {name: count for name, count in writers.items() if count} == {"js/dom.js": 1}
    # and it is a client of the public API only: no Python, no server code beside it
    assert not list(SHOP_DIRECTORY.rglob("*.py"))


def test_every_page_module_is_reachable_from_the_entry_point() -> None:
    app = (SHOP_DIRECTORY / "js" / "app.js").read_text()
    pages = sorted(path.name for path in (SHOP_DIRECTORY / "js" / "pages").glob("*.js"))
    assert pages == sorted(set(re.findall(r'from "\./pages/([a-z]+\.js)"', app)))
    assert Path(SHOP_DIRECTORY / "index.html").exists()
