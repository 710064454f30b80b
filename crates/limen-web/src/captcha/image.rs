//! The picture half of the registration CAPTCHA: a random code drawn with Limen's own stroke font,
//! distorted and noised, then encoded by the small PNG writer at the end of this file.
//!
//! Layout of the file: the alphabet and the code, the font (glyphs as polylines and arcs in a
//! unit box), the renderer (glyph placement, wave warp, noise lines, speckles) and the PNG
//! encoder (zlib stream with a fixed-Huffman deflate, CRC-32, Adler-32).
//!
//! It keeps no state: the caller derives the code from its MAC-protected token (`mod.rs`) and
//! compares what the user typed, through [`normalise_answer`], with it. It must never call a third party, and must never be the
//! only way through the form: the proof of work in `pow.rs` is the accessible alternative.

use rand::Rng;
use std::f64::consts::PI;

/// Characters that cannot be confused with each other (no 0/O/Q/D, 1/I/L, 5/S, 2/Z, 8/B, 6/G,
/// U/V, E/F, …); upper-case letters and digits.
pub const ALPHABET: &[u8] = b"34679ACEHJKMNPRTWXY";
pub const CODE_LEN: usize = 6;
/// Size of the rendered picture, in pixels (for the `width` and `height` of the `<img>`).
pub const WIDTH: usize = 220;
pub const HEIGHT: usize = 80;

pub fn random_code(rng: &mut impl Rng) -> String {
    (0..CODE_LEN)
        .map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]))
        .collect()
}

/// Normalises what a user typed: trims, removes spaces, upper-cases. Comparison happens on that.
pub fn normalise_answer(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Renders the code as an 8-bit greyscale PNG of [`WIDTH`]×[`HEIGHT`] pixels: dark glyphs of
/// Limen's stroke font, each randomly rotated, sheared, scaled and shifted, the whole bent by a
/// smooth wave, crossed by thin curved lines and sprinkled with speckles. Characters outside
/// [`ALPHABET`] have no glyph and leave a gap.
pub fn render_png(code: &str, rng: &mut impl Rng) -> Vec<u8> {
    encode_png(WIDTH, HEIGHT, &render(code, rng))
}

// ---------------------------------------------------------------------------------------------
// The font: each glyph is a few paths in a box one unit high (y grows downwards), drawn later
// with a thick round pen. Shapes are kept plain on purpose: the distortion comes from the
// renderer, and plain shapes stay readable through it.

#[derive(Debug, Clone, Copy, PartialEq)]
struct Point {
    x: f64,
    y: f64,
}

const fn pt(x: f64, y: f64) -> Point {
    Point { x, y }
}

enum Path {
    /// A polyline through the points (x, y).
    Line(&'static [(f64, f64)]),
    /// An elliptic arc: centre (x, y), radii (x, y), from and to angles in degrees,
    /// counter-clockwise as seen on screen, 0 pointing right.
    Arc((f64, f64), (f64, f64), f64, f64),
}

fn glyph(ch: u8) -> Option<&'static [Path]> {
    use Path::{Arc, Line};
    let paths: &'static [Path] = match ch {
        b'3' => &[
            Arc((0.28, 0.25), (0.26, 0.25), 150.0, -90.0),
            Line(&[(0.14, 0.5), (0.3, 0.5)]),
            Arc((0.28, 0.74), (0.3, 0.26), 90.0, -150.0),
        ],
        b'4' => &[Line(&[(0.46, 1.0), (0.46, 0.0), (0.0, 0.68), (0.64, 0.68)])],
        b'6' => &[
            Arc((0.32, 0.5), (0.3, 0.5), 60.0, 200.0),
            Arc((0.32, 0.7), (0.3, 0.3), 0.0, 360.0),
        ],
        b'7' => &[Line(&[(0.0, 0.0), (0.6, 0.0), (0.2, 1.0)])],
        b'9' => &[
            Arc((0.3, 0.3), (0.3, 0.3), 0.0, 360.0),
            Arc((0.3, 0.5), (0.3, 0.5), 20.0, -120.0),
        ],
        b'A' => &[
            Line(&[(0.0, 1.0), (0.32, 0.0), (0.64, 1.0)]),
            Line(&[(0.13, 0.64), (0.51, 0.64)]),
        ],
        b'C' => &[Arc((0.34, 0.5), (0.32, 0.5), 45.0, 315.0)],
        b'E' => &[
            Line(&[(0.56, 0.0), (0.0, 0.0), (0.0, 1.0), (0.56, 1.0)]),
            Line(&[(0.0, 0.48), (0.46, 0.48)]),
        ],
        b'H' => &[
            Line(&[(0.0, 0.0), (0.0, 1.0)]),
            Line(&[(0.58, 0.0), (0.58, 1.0)]),
            Line(&[(0.0, 0.5), (0.58, 0.5)]),
        ],
        b'J' => &[
            Line(&[(0.18, 0.0), (0.6, 0.0)]),
            Line(&[(0.46, 0.0), (0.46, 0.7)]),
            Arc((0.24, 0.7), (0.22, 0.3), 0.0, -170.0),
        ],
        b'K' => &[
            Line(&[(0.0, 0.0), (0.0, 1.0)]),
            Line(&[(0.58, 0.0), (0.0, 0.6)]),
            Line(&[(0.2, 0.4), (0.6, 1.0)]),
        ],
        b'M' => &[Line(&[
            (0.0, 1.0),
            (0.0, 0.0),
            (0.36, 0.62),
            (0.72, 0.0),
            (0.72, 1.0),
        ])],
        b'N' => &[Line(&[(0.0, 1.0), (0.0, 0.0), (0.6, 1.0), (0.6, 0.0)])],
        b'P' => &[
            Line(&[(0.0, 1.0), (0.0, 0.0), (0.32, 0.0)]),
            Arc((0.32, 0.27), (0.26, 0.27), 90.0, -90.0),
            Line(&[(0.32, 0.54), (0.0, 0.54)]),
        ],
        b'R' => &[
            Line(&[(0.0, 1.0), (0.0, 0.0), (0.32, 0.0)]),
            Arc((0.32, 0.27), (0.26, 0.27), 90.0, -90.0),
            Line(&[(0.32, 0.54), (0.0, 0.54)]),
            Line(&[(0.28, 0.54), (0.6, 1.0)]),
        ],
        b'T' => &[
            Line(&[(0.0, 0.0), (0.64, 0.0)]),
            Line(&[(0.32, 0.0), (0.32, 1.0)]),
        ],
        b'W' => &[Line(&[
            (0.0, 0.0),
            (0.2, 1.0),
            (0.4, 0.3),
            (0.6, 1.0),
            (0.8, 0.0),
        ])],
        b'X' => &[
            Line(&[(0.0, 0.0), (0.58, 1.0)]),
            Line(&[(0.58, 0.0), (0.0, 1.0)]),
        ],
        b'Y' => &[
            Line(&[(0.0, 0.0), (0.3, 0.5), (0.6, 0.0)]),
            Line(&[(0.3, 0.5), (0.3, 1.0)]),
        ],
        _ => return None,
    };
    Some(paths)
}

/// The glyph's paths as polylines, arcs cut into short chords.
fn flatten(paths: &[Path]) -> Vec<Vec<Point>> {
    const DEGREES_PER_CHORD: f64 = 10.0;
    paths
        .iter()
        .map(|path| match *path {
            Path::Line(points) => points.iter().map(|&(x, y)| pt(x, y)).collect(),
            Path::Arc(centre, radii, from, to) => {
                let chords = ((to - from).abs() / DEGREES_PER_CHORD).ceil().max(1.0) as usize;
                (0..=chords)
                    .map(|i| {
                        let angle = (from + (to - from) * i as f64 / chords as f64).to_radians();
                        pt(
                            centre.0 + radii.0 * angle.cos(),
                            centre.1 - radii.1 * angle.sin(),
                        )
                    })
                    .collect()
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The renderer. Everything is drawn as thick polylines ("strokes") in pixel coordinates; a pixel's
// ink is how much of it the nearest stroke covers, which gives anti-aliased edges for free.

/// One polyline of the picture, in pixels, drawn with a round pen.
struct Stroke {
    points: Vec<Point>,
    half_width: f64,
    /// Bounding box grown by the pen, to skip far-away pixels quickly.
    min: Point,
    max: Point,
}

impl Stroke {
    fn new(points: Vec<Point>, half_width: f64) -> Self {
        let reach = half_width + 1.0;
        let min = points.iter().fold(pt(f64::MAX, f64::MAX), |m, p| {
            pt(m.x.min(p.x - reach), m.y.min(p.y - reach))
        });
        let max = points.iter().fold(pt(f64::MIN, f64::MIN), |m, p| {
            pt(m.x.max(p.x + reach), m.y.max(p.y + reach))
        });
        Self {
            points,
            half_width,
            min,
            max,
        }
    }

    /// The polyline through `points` as strokes of a few chords each: their small bounding
    /// boxes spare most pixels the distance computation.
    fn split(points: &[Point], half_width: f64) -> impl Iterator<Item = Stroke> + '_ {
        const CHORDS_PER_STROKE: usize = 6;
        let chords = points.len().saturating_sub(1);
        (0..chords).step_by(CHORDS_PER_STROKE).map(move |start| {
            let end = (start + CHORDS_PER_STROKE).min(chords);
            Stroke::new(points[start..=end].to_vec(), half_width)
        })
    }

    /// Fraction (0–1) of the pixel centred on `p` that the stroke covers.
    fn coverage(&self, p: Point) -> f64 {
        if p.x < self.min.x || p.x > self.max.x || p.y < self.min.y || p.y > self.max.y {
            return 0.0;
        }
        let distance_squared = self
            .points
            .windows(2)
            .map(|w| distance_squared_to_segment(p, w[0], w[1]))
            .fold(f64::INFINITY, f64::min);
        (self.half_width + 0.5 - distance_squared.sqrt()).clamp(0.0, 1.0)
    }
}

fn distance_squared_to_segment(p: Point, a: Point, b: Point) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let length_squared = dx * dx + dy * dy;
    let t = if length_squared == 0.0 {
        0.0
    } else {
        (((p.x - a.x) * dx + (p.y - a.y) * dy) / length_squared).clamp(0.0, 1.0)
    };
    let (ex, ey) = (p.x - a.x - t * dx, p.y - a.y - t * dy);
    ex * ex + ey * ey
}

/// How one glyph is bent and where it goes: unit-box coordinates to pixels.
struct Placement {
    /// Centre of the glyph's box, in glyph units.
    origin: Point,
    /// Where that centre lands, in pixels.
    centre: Point,
    /// Pixels per glyph unit, horizontally and vertically.
    scale: (f64, f64),
    shear: f64,
    angle: f64,
}

impl Placement {
    fn apply(&self, p: Point) -> Point {
        let x = (p.x - self.origin.x) * self.scale.0;
        let y = (p.y - self.origin.y) * self.scale.1;
        let x = x + self.shear * y;
        let (sin, cos) = self.angle.sin_cos();
        pt(
            self.centre.x + x * cos - y * sin,
            self.centre.y + x * sin + y * cos,
        )
    }
}

/// Smallest box holding the polylines: (min, max).
fn bounds(polylines: &[Vec<Point>]) -> (Point, Point) {
    polylines.iter().flatten().fold(
        (pt(f64::MAX, f64::MAX), pt(f64::MIN, f64::MIN)),
        |(min, max), p| {
            (
                pt(min.x.min(p.x), min.y.min(p.y)),
                pt(max.x.max(p.x), max.y.max(p.y)),
            )
        },
    )
}

/// The random deformation of one glyph.
struct Shape {
    /// Pixels per glyph unit vertically (the glyph's height).
    height: f64,
    /// Horizontal scale relative to `height`.
    stretch: f64,
    /// Radians, clockwise.
    angle: f64,
    shear: f64,
}

impl Shape {
    fn random(rng: &mut impl Rng) -> Self {
        Self {
            height: rng.gen_range(32.0..40.0),
            stretch: rng.gen_range(0.85..1.0),
            angle: rng.gen_range(-0.25..0.25),
            shear: rng.gen_range(-0.2..0.2),
        }
    }
}

/// The glyphs of `code` as strokes, placed left to right with random size, slant and jitter.
fn glyph_strokes(code: &str, rng: &mut impl Rng) -> Vec<Stroke> {
    const MARGIN: f64 = 8.0;
    let half_width = rng.gen_range(2.1..2.6);
    let glyphs: Vec<Option<Vec<Vec<Point>>>> = code
        .chars()
        .map(|ch| u8::try_from(ch).ok().and_then(glyph).map(flatten))
        .collect();
    // Random shape of each glyph first, so the row can be fitted into the picture as a whole.
    let mut shapes: Vec<Shape> = glyphs.iter().map(|_| Shape::random(rng)).collect();
    // gaps[i] comes before glyph i + 1.
    let gaps: Vec<f64> = (1..glyphs.len()).map(|_| rng.gen_range(4.0..8.0)).collect();
    let widths = |shapes: &[Shape]| -> Vec<f64> {
        glyphs
            .iter()
            .zip(shapes)
            .map(|(g, shape)| {
                let unit_width = g.as_deref().map_or(0.6, |g| {
                    let (min, max) = bounds(g);
                    max.x - min.x
                });
                unit_width * shape.height * shape.stretch + 2.0 * half_width
            })
            .collect()
    };
    let available = WIDTH as f64 - 2.0 * MARGIN;
    let needed: f64 = widths(&shapes).iter().sum::<f64>() + gaps.iter().sum::<f64>();
    if needed > available {
        let shrink = available / needed;
        for shape in &mut shapes {
            shape.height *= shrink;
        }
    }
    let widths = widths(&shapes);
    let slack = (available - widths.iter().sum::<f64>() - gaps.iter().sum::<f64>()).max(0.0);
    // Most of the room left goes between the glyphs, the rest moves the row sideways.
    let spread = if glyphs.len() > 1 {
        0.6 * slack / (glyphs.len() - 1) as f64
    } else {
        0.0
    };
    let mut left = MARGIN + rng.gen_range(0.0..=0.4 * slack);
    let mut strokes = Vec::new();
    for (i, (g, shape)) in glyphs.iter().zip(&shapes).enumerate() {
        if i > 0 {
            left += gaps[i - 1] + spread;
        }
        let centre = pt(
            left + widths[i] / 2.0,
            HEIGHT as f64 / 2.0 + rng.gen_range(-5.0..5.0),
        );
        left += widths[i];
        let Some(polylines) = g else { continue };
        let (min, max) = bounds(polylines);
        let placement = Placement {
            origin: pt((min.x + max.x) / 2.0, (min.y + max.y) / 2.0),
            centre,
            scale: (shape.height * shape.stretch, shape.height),
            shear: shape.shear,
            angle: shape.angle,
        };
        for line in polylines {
            let points: Vec<Point> = line.iter().map(|&p| placement.apply(p)).collect();
            strokes.extend(Stroke::split(&points, half_width));
        }
    }
    strokes
}

/// Thin curves (cubic Béziers) running across the whole picture, through the glyphs.
fn noise_strokes(rng: &mut impl Rng) -> Vec<Stroke> {
    const SAMPLES: usize = 48;
    let (w, h) = (WIDTH as f64, HEIGHT as f64);
    let mut strokes = Vec::new();
    for _ in 0..rng.gen_range(2..=3) {
        let p0 = pt(-5.0, rng.gen_range(0.2 * h..0.8 * h));
        let p1 = pt(w / 3.0, rng.gen_range(0.0..h));
        let p2 = pt(2.0 * w / 3.0, rng.gen_range(0.0..h));
        let p3 = pt(w + 5.0, rng.gen_range(0.2 * h..0.8 * h));
        let points: Vec<Point> = (0..=SAMPLES)
            .map(|i| {
                let t = i as f64 / SAMPLES as f64;
                let u = 1.0 - t;
                let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
                pt(
                    a * p0.x + b * p1.x + c * p2.x + d * p3.x,
                    a * p0.y + b * p1.y + c * p2.y + d * p3.y,
                )
            })
            .collect();
        strokes.extend(Stroke::split(&points, rng.gen_range(0.6..0.9)));
    }
    strokes
}

/// A smooth displacement of the whole picture: each axis waves along the other one.
struct Wave {
    amplitude: (f64, f64),
    /// Radians per pixel.
    frequency: (f64, f64),
    phase: (f64, f64),
}

impl Wave {
    fn random(rng: &mut impl Rng) -> Self {
        Self {
            amplitude: (rng.gen_range(1.5..3.0), rng.gen_range(3.0..5.0)),
            frequency: (
                2.0 * PI / rng.gen_range(35.0..55.0),
                2.0 * PI / rng.gen_range(70.0..110.0),
            ),
            phase: (rng.gen_range(0.0..2.0 * PI), rng.gen_range(0.0..2.0 * PI)),
        }
    }

    /// Where the pixel at `p` of the output is taken from in the undistorted drawing.
    fn source(&self, p: Point) -> Point {
        pt(
            p.x + self.amplitude.0 * (p.y * self.frequency.0 + self.phase.0).sin(),
            p.y + self.amplitude.1 * (p.x * self.frequency.1 + self.phase.1).sin(),
        )
    }
}

const PAPER: f64 = 244.0;
const INK: f64 = 28.0;

/// The picture as rows of grey levels (0 black, 255 white), [`WIDTH`]×[`HEIGHT`].
fn render(code: &str, rng: &mut impl Rng) -> Vec<u8> {
    let mut strokes = glyph_strokes(code, rng);
    strokes.extend(noise_strokes(rng));
    let wave = Wave::random(rng);
    let mut pixels: Vec<u8> = (0..HEIGHT)
        .flat_map(|y| (0..WIDTH).map(move |x| (x, y)))
        .map(|(x, y)| {
            let source = wave.source(pt(x as f64 + 0.5, y as f64 + 0.5));
            let mut ink: f64 = 0.0;
            for stroke in &strokes {
                ink = ink.max(stroke.coverage(source));
                if ink >= 1.0 {
                    break;
                }
            }
            (PAPER + (INK - PAPER) * ink).round() as u8
        })
        .collect();
    // Speckles: mostly dark dots on the paper, some light ones biting into the ink.
    for _ in 0..WIDTH * HEIGHT / 60 {
        let (x, y) = (rng.gen_range(0..WIDTH), rng.gen_range(0..HEIGHT));
        let level = if rng.gen_bool(0.7) {
            rng.gen_range(40..150)
        } else {
            255
        };
        pixels[y * WIDTH + x] = level;
        if rng.gen_bool(0.3) && x + 1 < WIDTH {
            pixels[y * WIDTH + x + 1] = level;
        }
    }
    pixels
}

// ---------------------------------------------------------------------------------------------
// The PNG encoder (PNG specification, 3rd edition; zlib RFC 1950; deflate RFC 1951).

const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];

/// An 8-bit greyscale, non-interlaced PNG of `pixels` (rows top to bottom).
fn encode_png(width: usize, height: usize, pixels: &[u8]) -> Vec<u8> {
    debug_assert_eq!(pixels.len(), width * height);
    let mut header = Vec::with_capacity(13);
    header.extend_from_slice(&(width as u32).to_be_bytes());
    header.extend_from_slice(&(height as u32).to_be_bytes());
    // Bit depth 8, colour type 0 (greyscale), compression 0, filter method 0, no interlace.
    header.extend_from_slice(&[8, 0, 0, 0, 0]);
    // Each row is preceded by its filter type; "Up" (2) turns the flat paper into zeros.
    let mut scanlines = Vec::with_capacity((width + 1) * height);
    for y in 0..height {
        let row = &pixels[y * width..(y + 1) * width];
        scanlines.push(2);
        if y == 0 {
            scanlines.extend_from_slice(row);
        } else {
            let above = &pixels[(y - 1) * width..y * width];
            scanlines.extend(row.iter().zip(above).map(|(p, a)| p.wrapping_sub(*a)));
        }
    }
    let mut png = PNG_SIGNATURE.to_vec();
    write_chunk(&mut png, b"IHDR", &header);
    write_chunk(&mut png, b"IDAT", &zlib(&scanlines));
    write_chunk(&mut png, b"IEND", &[]);
    png
}

/// PNG §5.3: length, type, data, CRC-32 of type and data.
fn write_chunk(png: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    png.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = png.len();
    png.extend_from_slice(kind);
    png.extend_from_slice(data);
    let crc = crc32(&png[start..]);
    png.extend_from_slice(&crc.to_be_bytes());
}

/// CRC-32 of ISO 3309 / ITU-T V.42 (reflected, polynomial 0xEDB88320), as PNG uses it.
fn crc32(bytes: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut table = [0u32; 256];
        let mut n = 0;
        while n < 256 {
            let mut c = n as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 == 1 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
                k += 1;
            }
            table[n] = c;
            n += 1;
        }
        table
    };
    !bytes.iter().fold(!0u32, |c, &b| {
        TABLE[((c ^ u32::from(b)) & 0xff) as usize] ^ (c >> 8)
    })
}

/// RFC 1950 §8.2.
fn adler32(bytes: &[u8]) -> u32 {
    const MOD: u32 = 65_521;
    let (a, b) = bytes.iter().fold((1u32, 0u32), |(a, b), &byte| {
        let a = (a + u32::from(byte)) % MOD;
        (a, (b + a) % MOD)
    });
    (b << 16) | a
}

/// RFC 1950 stream: header (deflate, 32 KiB window, no dictionary), data, Adler-32.
fn zlib(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    out.extend(deflate(data));
    out.extend_from_slice(&adler32(data).to_be_bytes());
    out
}

/// RFC 1951 §3.2.5: base value and extra bits of the length codes 257–285…
const LENGTH_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
const LENGTH_EXTRA: [u32; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
/// … and of the distance codes 0–29.
const DISTANCE_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DISTANCE_EXTRA: [u32; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];
const MIN_MATCH: usize = 3;
const MAX_MATCH: usize = 258;
const WINDOW: usize = 32 * 1024;

/// One deflate block with the fixed Huffman codes (RFC 1951 §3.2.6) and greedy LZ77 matching:
/// simple, and good enough for a picture of a few kilobytes.
fn deflate(data: &[u8]) -> Vec<u8> {
    let mut matcher = Matcher::new(data);
    let mut bits = BitWriter::default();
    bits.put(1, 1); // BFINAL: the only block
    bits.put(1, 2); // BTYPE 01: fixed Huffman codes
    let mut i = 0;
    while i < data.len() {
        match matcher.longest_match(i) {
            Some((length, distance)) => {
                put_length_distance(&mut bits, length, distance);
                for j in i..i + length {
                    matcher.insert(j);
                }
                i += length;
            }
            None => {
                put_symbol(&mut bits, u16::from(data[i]));
                matcher.insert(i);
                i += 1;
            }
        }
    }
    put_symbol(&mut bits, 256);
    bits.finish()
}

/// Earlier positions of each 3-byte sequence, as hash chains, to find repeats in the window.
struct Matcher<'a> {
    data: &'a [u8],
    /// Latest position seen for each hash.
    head: Vec<Option<usize>>,
    /// For each position, the previous one with the same hash.
    previous: Vec<Option<usize>>,
}

impl<'a> Matcher<'a> {
    const HASH_BITS: u32 = 12;
    const MAX_CHAIN: usize = 64;

    fn new(data: &'a [u8]) -> Self {
        Self {
            data,
            head: vec![None; 1 << Self::HASH_BITS],
            previous: vec![None; data.len()],
        }
    }

    fn hash(&self, i: usize) -> Option<usize> {
        let key = self.data.get(i..i + MIN_MATCH)?;
        let key = u32::from(key[0]) << 16 | u32::from(key[1]) << 8 | u32::from(key[2]);
        Some((key.wrapping_mul(0x9E37_79B1) >> (32 - Self::HASH_BITS)) as usize)
    }

    fn insert(&mut self, i: usize) {
        if let Some(h) = self.hash(i) {
            self.previous[i] = self.head[h];
            self.head[h] = Some(i);
        }
    }

    /// The longest earlier copy of the bytes at `i`, as (length, distance), if one is long
    /// enough to be worth a reference.
    fn longest_match(&self, i: usize) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None;
        let mut candidate = self.head[self.hash(i)?];
        let mut chain = 0;
        while let Some(start) = candidate {
            if i - start > WINDOW || chain == Self::MAX_CHAIN {
                break;
            }
            let length = self.data[start..]
                .iter()
                .zip(&self.data[i..])
                .take(MAX_MATCH)
                .take_while(|(a, b)| a == b)
                .count();
            if length >= MIN_MATCH && best.is_none_or(|(longest, _)| length > longest) {
                best = Some((length, i - start));
            }
            candidate = self.previous[start];
            chain += 1;
        }
        best
    }
}

/// A literal/length symbol (0–287) in the fixed Huffman code of RFC 1951 §3.2.6.
fn put_symbol(bits: &mut BitWriter, symbol: u16) {
    let (code, length) = match symbol {
        0..=143 => (0x30 + symbol, 8),
        144..=255 => (0x190 + symbol - 144, 9),
        256..=279 => (symbol - 256, 7),
        _ => (0xC0 + symbol - 280, 8),
    };
    bits.put_huffman(u32::from(code), length);
}

fn put_length_distance(bits: &mut BitWriter, length: usize, distance: usize) {
    let (length, distance) = (length as u16, distance as u16);
    let l = LENGTH_BASE
        .iter()
        .rposition(|&base| base <= length)
        .unwrap_or(0);
    put_symbol(bits, 257 + l as u16);
    bits.put(u32::from(length - LENGTH_BASE[l]), LENGTH_EXTRA[l]);
    let d = DISTANCE_BASE
        .iter()
        .rposition(|&base| base <= distance)
        .unwrap_or(0);
    bits.put_huffman(d as u32, 5);
    bits.put(u32::from(distance - DISTANCE_BASE[d]), DISTANCE_EXTRA[d]);
}

/// Packs bits least-significant first, as deflate wants (RFC 1951 §3.1.1).
#[derive(Default)]
struct BitWriter {
    bytes: Vec<u8>,
    pending: u64,
    count: u32,
}

impl BitWriter {
    /// Data values: their least-significant bit first.
    fn put(&mut self, value: u32, count: u32) {
        self.pending |= u64::from(value) << self.count;
        self.count += count;
        while self.count >= 8 {
            self.bytes.push(self.pending as u8);
            self.pending >>= 8;
            self.count -= 8;
        }
    }

    /// Huffman codes: their most-significant bit first.
    fn put_huffman(&mut self, code: u32, length: u32) {
        self.put(code.reverse_bits() >> (32 - length), length);
    }

    fn finish(mut self) -> Vec<u8> {
        if self.count > 0 {
            self.bytes.push(self.pending as u8);
        }
        self.bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    #[test]
    fn crc32_matches_the_published_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn adler32_matches_the_published_check_value() {
        assert_eq!(adler32(b"123456789"), 0x091E_01DE);
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
        assert_eq!(adler32(b""), 1);
    }

    #[test]
    fn alphabet_has_no_look_alikes_and_every_character_has_a_glyph() {
        for ch in b"0O1IL5S2Z8BUVQDG" {
            assert!(!ALPHABET.contains(ch), "{} is easily confused", *ch as char);
        }
        for &ch in ALPHABET {
            let g = glyph(ch).unwrap_or_else(|| panic!("no glyph for {}", ch as char));
            let (min, max) = bounds(&flatten(g));
            assert!(max.y - min.y > 0.9, "{} is too short", ch as char);
            assert!(max.x - min.x > 0.4, "{} is too narrow", ch as char);
        }
        assert!(glyph(b'?').is_none());
    }

    #[test]
    fn random_codes_use_the_alphabet() {
        let mut rng = StdRng::seed_from_u64(1);
        let codes: Vec<String> = (0..50).map(|_| random_code(&mut rng)).collect();
        for code in &codes {
            assert_eq!(code.len(), CODE_LEN);
            assert!(code.bytes().all(|b| ALPHABET.contains(&b)), "{code}");
        }
        assert!(codes.iter().any(|c| c != &codes[0]));
    }

    #[test]
    fn normalise_answer_trims_removes_spaces_and_upper_cases() {
        assert_eq!(normalise_answer("  ac e 34\t7\n"), "ACE347");
        assert_eq!(normalise_answer("XyZ"), "XYZ");
        assert_eq!(normalise_answer("   "), "");
        assert_eq!(normalise_answer("ACE347"), "ACE347");
        assert_eq!(normalise_answer("a\u{a0}b"), "AB");
    }

    /// Splits a PNG into its chunks, checking lengths and CRCs on the way.
    fn chunks(png: &[u8]) -> Vec<([u8; 4], Vec<u8>)> {
        assert_eq!(png[..8], PNG_SIGNATURE);
        let mut rest = &png[8..];
        let mut chunks = Vec::new();
        while !rest.is_empty() {
            let length = u32::from_be_bytes(rest[..4].try_into().unwrap()) as usize;
            let kind: [u8; 4] = rest[4..8].try_into().unwrap();
            let data = rest[8..8 + length].to_vec();
            let crc = u32::from_be_bytes(rest[8 + length..12 + length].try_into().unwrap());
            assert_eq!(crc, crc32(&rest[4..8 + length]), "CRC of {kind:?}");
            chunks.push((kind, data));
            rest = &rest[12 + length..];
        }
        chunks
    }

    /// A decoder for what `deflate` writes (one fixed-Huffman block), to check it round-trips.
    fn inflate(zlib: &[u8]) -> Vec<u8> {
        assert_eq!((u16::from(zlib[0]) << 8 | u16::from(zlib[1])) % 31, 0);
        assert_eq!(zlib[0] & 0x0f, 8, "deflate");
        let body = &zlib[2..zlib.len() - 4];
        let mut position = 0;
        let mut bit = || {
            let b = u32::from(body[position / 8] >> (position % 8) & 1);
            position += 1;
            b
        };
        let bits = |count: u32, bit: &mut dyn FnMut() -> u32| {
            (0..count).fold(0, |value, i| value | bit() << i)
        };
        assert_eq!(bits(3, &mut bit), 0b011, "final block, fixed codes");
        let mut out: Vec<u8> = Vec::new();
        loop {
            let mut code = (0..7).fold(0, |c, _| c << 1 | bit());
            let symbol = if code <= 0b001_0111 {
                256 + code
            } else {
                code = code << 1 | bit();
                match code {
                    0x30..=0xBF => code - 0x30,
                    0xC0..=0xC7 => 280 + code - 0xC0,
                    _ => 144 + (code << 1 | bit()) - 0x190,
                }
            };
            match symbol {
                0..=255 => out.push(symbol as u8),
                256 => break,
                _ => {
                    let l = (symbol - 257) as usize;
                    let length =
                        usize::from(LENGTH_BASE[l]) + bits(LENGTH_EXTRA[l], &mut bit) as usize;
                    let d = (0..5).fold(0, |c, _| c << 1 | bit()) as usize;
                    let distance =
                        usize::from(DISTANCE_BASE[d]) + bits(DISTANCE_EXTRA[d], &mut bit) as usize;
                    for _ in 0..length {
                        out.push(out[out.len() - distance]);
                    }
                }
            }
        }
        let adler = u32::from_be_bytes(zlib[zlib.len() - 4..].try_into().unwrap());
        assert_eq!(adler, adler32(&out));
        out
    }

    #[test]
    fn deflate_round_trips() {
        let mut rng = StdRng::seed_from_u64(7);
        let noise: Vec<u8> = (0..5000).map(|_| rng.r#gen()).collect();
        let repetitive: Vec<u8> = b"abcabcabcabd".repeat(700);
        let all_bytes: Vec<u8> = (0..=255).chain(0..=255).collect();
        for data in [
            &b""[..],
            b"a",
            b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            &noise,
            &repetitive,
            &all_bytes,
        ] {
            assert_eq!(inflate(&zlib(data)), data);
        }
        assert!(zlib(&repetitive).len() < repetitive.len() / 10);
    }

    /// Decodes a PNG written by `encode_png` back to its pixels.
    fn decode(png: &[u8]) -> (usize, usize, Vec<u8>) {
        let chunks = chunks(png);
        let kinds: Vec<&[u8; 4]> = chunks.iter().map(|(k, _)| k).collect();
        assert_eq!(kinds, [b"IHDR", b"IDAT", b"IEND"]);
        let header = &chunks[0].1;
        assert_eq!(header.len(), 13);
        let width = u32::from_be_bytes(header[..4].try_into().unwrap()) as usize;
        let height = u32::from_be_bytes(header[4..8].try_into().unwrap()) as usize;
        assert_eq!(header[8..], [8, 0, 0, 0, 0]);
        assert!(chunks[2].1.is_empty());
        let scanlines = inflate(&chunks[1].1);
        assert_eq!(scanlines.len(), (width + 1) * height);
        let mut pixels = Vec::with_capacity(width * height);
        for (y, line) in scanlines.chunks(width + 1).enumerate() {
            assert_eq!(line[0], 2, "Up filter");
            for (x, &value) in line[1..].iter().enumerate() {
                let above = if y == 0 {
                    0
                } else {
                    pixels[(y - 1) * width + x]
                };
                pixels.push(value.wrapping_add(above));
            }
        }
        (width, height, pixels)
    }

    #[test]
    fn png_has_a_valid_structure_and_holds_the_picture() {
        let mut rng = StdRng::seed_from_u64(3);
        let png = render_png("ACE347", &mut rng);
        let (width, height, pixels) = decode(&png);
        assert_eq!((width, height), (WIDTH, HEIGHT));
        let mut rng = StdRng::seed_from_u64(3);
        assert_eq!(pixels, render("ACE347", &mut rng));
        assert!(
            png.len() < WIDTH * HEIGHT,
            "compressed: {} bytes",
            png.len()
        );
    }

    #[test]
    fn picture_has_dark_ink_on_light_paper() {
        let mut rng = StdRng::seed_from_u64(4);
        let pixels = render(&random_code(&mut rng), &mut rng);
        let dark = pixels.iter().filter(|&&p| p < 64).count();
        let light = pixels.iter().filter(|&&p| p > 200).count();
        assert!(dark > pixels.len() / 20, "{dark} dark pixels");
        assert!(light > pixels.len() / 2, "{light} light pixels");
    }

    #[test]
    fn different_codes_give_different_pictures() {
        let picture = |code: &str, seed: u64| render(code, &mut StdRng::seed_from_u64(seed));
        assert_ne!(picture("ACE347", 5), picture("ACE349", 5));
        assert_ne!(picture("ACE347", 5), picture("ACE347", 6));
        assert_eq!(picture("ACE347", 5), picture("ACE347", 5));
    }

    #[test]
    fn unknown_characters_leave_a_gap_instead_of_failing() {
        let mut rng = StdRng::seed_from_u64(8);
        let png = render_png("A?é", &mut rng);
        assert_eq!(decode(&png).2.len(), WIDTH * HEIGHT);
    }
}
