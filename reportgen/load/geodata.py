"""District outlines from the GeoJSON files of an Open SDG data folder, for locator maps.

Geometry is simplified once on load (a locator map needs shapes, not survey precision) and
projected to a plane with an equirectangular projection around the map's mean latitude.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import shapely
from shapely.errors import ShapelyError
from shapely.geometry import MultiPolygon, Polygon, shape

from reportgen.diskcache import kept
from reportgen.errors import InputFileError, Location, Problem, Severity, working_on
from reportgen.load.regions import region_key
from reportgen.load.textfile import FileKind, read_text

TOLERANCE_DEGREES = 0.008
_ID_PROPERTIES = ("AGS", "AGSRH", "AGSMZ", "GeoCode", "id")

Ring = tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class DistrictMap:
    source: Path
    outlines: dict[str, tuple[Ring, ...]]
    """Region key → rings (outer and inner) in projected units."""


def load_district_map(
    data_root: Path, wanted: set[str], file_name: str | None, problems: list[Problem]
) -> DistrictMap | None:
    """The GeoJSON file that covers most of ``wanted`` (or the configured one), simplified."""
    candidates = [data_root / file_name] if file_name else sorted(data_root.glob("*.geojson"))
    best: tuple[int, DistrictMap] | None = None
    for path in candidates:
        outlines = _read(path, problems)
        if outlines is None:
            continue
        covered = len(wanted & set(outlines))
        if best is None or covered > best[0]:
            best = (covered, DistrictMap(path, outlines))
    if best is None or best[0] == 0:
        if file_name or candidates:
            problems.append(
                Problem(
                    "Keine Kartendatei deckt die Kreise der Daten ab; die Steckbriefe "
                    "erscheinen ohne Lagekarte, der Bericht ohne Kreiskarten.",
                    Location(data_root),
                    severity=Severity.WARNING,
                )
            )
        return None
    return best[1]


def _read(path: Path, problems: list[Problem]) -> dict[str, tuple[Ring, ...]] | None:
    """The outlines of one file (kept in the disk cache by its bytes: simplifying the example's
    three files takes half a second of every ``check``) and the problems it gave."""
    try:
        content = path.read_bytes()
    except OSError:
        return _outlines(path, problems)
    parts = (str(path).encode("utf-8", "surrogatepass"), content, shapely.__version__.encode())
    outlines, found = kept("karte", parts, lambda: _found(path))
    problems.extend(found)
    return outlines


def _found(path: Path) -> tuple[dict[str, tuple[Ring, ...]] | None, list[Problem]]:
    found: list[Problem] = []
    return _outlines(path, found), found


def _outlines(path: Path, problems: list[Problem]) -> dict[str, tuple[Ring, ...]] | None:
    with working_on(path):
        try:
            geometries = _geometries(json.loads(read_text(path, FileKind.GEOJSON)))
        except InputFileError as exc:
            problems.append(replace(exc.problem, severity=Severity.WARNING))
            return None
        except (
            ValueError,
            KeyError,
            TypeError,
            AttributeError,
            RecursionError,
            ShapelyError,
        ) as exc:
            # ValueError covers JSON syntax and shapely's invalid geometries
            problems.append(
                Problem(
                    "Die Kartendatei ist keine lesbare GeoJSON-Datei "
                    f"({type(exc).__name__}: {str(exc)[:120]}); die Steckbriefe erscheinen "
                    "ohne diese Karte.",
                    Location(path),
                    severity=Severity.WARNING,
                )
            )
            return None
    if not geometries:
        return None
    return _projected(geometries)


def _geometries(collection: Any) -> dict[str, list[Polygon]]:
    """Region key → simplified polygons of a GeoJSON feature collection."""
    geometries: dict[str, list[Polygon]] = {}
    for feature in collection["features"]:
        properties = feature.get("properties") or {}
        code = next((str(properties[k]) for k in _ID_PROPERTIES if properties.get(k)), None)
        if code is None or not feature.get("geometry"):
            continue
        geometry = shapely.simplify(
            shape(feature["geometry"]), TOLERANCE_DEGREES, preserve_topology=True
        )
        polygons = list(geometry.geoms) if isinstance(geometry, MultiPolygon) else [geometry]
        geometries.setdefault(region_key(code), []).extend(
            p for p in polygons if isinstance(p, Polygon)
        )
    return geometries


def _projected(geometries: dict[str, list[Polygon]]) -> dict[str, tuple[Ring, ...]]:
    latitudes = [
        y for polygons in geometries.values() for p in polygons for _, y in p.exterior.coords
    ]
    scale = math.cos(math.radians(sum(latitudes) / len(latitudes)))
    return {
        key: tuple(
            tuple((round(x * scale, 5), round(y, 5)) for x, y in ring.coords)
            for polygon in polygons
            for ring in (polygon.exterior, *polygon.interiors)
        )
        for key, polygons in sorted(geometries.items())
    }
