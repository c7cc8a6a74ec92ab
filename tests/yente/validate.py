"""Validates cordon's yente-compatible responses against yente's own models.

Usage: python validate.py [MODEL=]RESPONSE.json [[MODEL=]RESPONSE.json ...]

Each file is a JSON body returned by cordon. MODEL names the route it came
from and so the model it is parsed with, from the `yente` package on PyPI
(pinned in requirements.txt beside this file), the models yente's own server
uses for those routes:

    match       POST /match/{dataset}   yente.data.common.EntityMatchResponse
    search      GET /search/{dataset}   yente.data.common.SearchResponse
    entity      GET /entities/{id}      yente.data.common.EntityResponse
    catalog     GET /catalog            yente.data.common.DataCatalogModel
    algorithms  GET /algorithms         yente.data.common.AlgorithmResponse

A file without MODEL= is a /match response. Exits 1, printing pydantic's
errors, if any file does not conform.
"""

import json
import sys

from pydantic import ValidationError
from yente.data.common import (
    AlgorithmResponse,
    DataCatalogModel,
    EntityMatchResponse,
    EntityResponse,
    SearchResponse,
)

MODELS = {
    "match": EntityMatchResponse,
    "search": SearchResponse,
    "entity": EntityResponse,
    "catalog": DataCatalogModel,
    "algorithms": AlgorithmResponse,
}


def describe(name, resp):
    if name == "match":
        results = sum(len(r.results) for r in resp.responses.values())
        return f"{len(resp.responses)} queries, {results} results"
    if name == "search":
        return f"{len(resp.results)} results"
    if name == "catalog":
        return f"{len(resp.datasets)} datasets"
    if name == "algorithms":
        return f"{len(resp.algorithms)} algorithms"
    return resp.id


def main(args):
    failed = 0
    for arg in args:
        name, sep, path = arg.partition("=")
        if not sep:
            name, path = "match", arg
        model = MODELS.get(name)
        if model is None:
            print(f"{arg}: unknown model {name!r}; use one of {', '.join(MODELS)}")
            return 2
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        try:
            resp = model.model_validate(data)
        except ValidationError as e:
            failed += 1
            print(f"{path}: does not conform to yente's {model.__name__}:\n{e}")
            continue
        print(f"{path}: conforms to {model.__name__} ({describe(name, resp)})")
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1:]))
