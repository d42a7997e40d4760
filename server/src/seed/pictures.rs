//! Drawings of the kinds of products the demo catalogue lists: one flat illustration each,
//! written as SVG and rendered to JPEG when the demo data is seeded.

use std::f32::consts::PI;
use std::fmt::Write as _;

/// Width of every drawing, in pixels.
const WIDTH: u32 = 1200;
/// Height of every drawing, in pixels.
const HEIGHT: u32 = 900;
/// JPEG quality of the rendered drawings.
const QUALITY: u8 = 85;
/// Outlines.
const INK: &str = "#26323d";

/// Light backgrounds and the slightly deeper disc behind the object, one pair per tint.
const TINTS: [(&str, &str); 8] = [
    ("#eaf5ec", "#d2ecd8"), // mint
    ("#e8f1fb", "#cfe2f6"), // sky
    ("#fdf1e6", "#f8dec6"), // peach
    ("#f1edfa", "#ddd5f2"), // lavender
    ("#fbf7e4", "#f2e6b6"), // lemon
    ("#fbedf0", "#f4d4db"), // rose
    ("#e5f5f3", "#c7e8e3"), // aqua
    ("#f5f1e9", "#e7ddcc"), // sand
];

/// The SVG of the drawing named `code` (one of `super::data::PICTURES`), on a background tinted
/// by `tint` (0..8, so listings of one kind do not all look the same), 1200×900.
pub fn svg(code: &str, tint: u8) -> String {
    let (light, deep) = TINTS[usize::from(tint) % TINTS.len()];
    let mut body = String::with_capacity(8 * 1024);
    let shadow = draw(code, &mut body);
    let mut s = String::with_capacity(body.len() + 1024);
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}">
<rect width="{WIDTH}" height="{HEIGHT}" fill="{light}"/>
<circle cx="600" cy="440" r="345" fill="{deep}"/>
<circle cx="150" cy="160" r="44" fill="{deep}"/>
<circle cx="1060" cy="760" r="30" fill="{deep}"/>
<circle cx="1070" cy="130" r="16" fill="{deep}"/>
<circle cx="120" cy="740" r="20" fill="{deep}"/>
"##
    );
    if shadow > 0.0 {
        let _ = write!(
            s,
            r##"<ellipse cx="600" cy="764" rx="{shadow:.0}" ry="30" fill="{INK}" fill-opacity="0.13"/>"##
        );
    }
    let _ = write!(
        s,
        r##"<g stroke="{INK}" stroke-width="8" stroke-linejoin="round" stroke-linecap="round">{body}</g></svg>"##
    );
    s
}

/// The drawing named `code` as a 1200×900 JPEG (quality 85), rendered with resvg.
pub fn jpeg(code: &str, tint: u8) -> Vec<u8> {
    use resvg::{tiny_skia, usvg};
    let tree = usvg::Tree::from_str(&svg(code, tint), &usvg::Options::default())
        .expect("the drawings are valid SVG");
    let mut pixmap = tiny_skia::Pixmap::new(WIDTH, HEIGHT).expect("a non-empty canvas");
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::identity(),
        &mut pixmap.as_mut(),
    );
    // Premultiplied RGBA over white; the background is opaque, so alpha is 255 throughout.
    let mut rgb = Vec::with_capacity((WIDTH * HEIGHT * 3) as usize);
    for px in pixmap.data().chunks_exact(4) {
        let clear = 255 - u16::from(px[3]);
        rgb.extend(
            px[..3]
                .iter()
                .map(|&c| (u16::from(c) + clear).min(255) as u8),
        );
    }
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, QUALITY)
        .encode(&rgb, WIDTH, HEIGHT, image::ExtendedColorType::Rgb8)
        .expect("encoding an in-memory picture");
    out
}

/// Draws `code` into `s` (inside a group outlined in ink); returns the half-width of the ground
/// shadow, 0 for none.
fn draw(code: &str, s: &mut String) -> f32 {
    match code {
        "pump" => pump(s),
        "drone" => drone(s),
        "tractor" => tractor(s),
        "harvester" => harvester(s),
        "dryer" => dryer(s),
        "irrigation" => irrigation(s),
        "seedling" => seedling(s),
        "sack" => sack(s),
        "aerator" => aerator(s),
        "shrimp" => shrimp(s),
        "fish" => fish(s),
        "cold_storage" => cold_storage(s),
        "packaging" => packaging(s),
        "processing_line" => processing_line(s),
        "solar_panel" => solar_panel(s),
        "battery" => battery(s),
        "biogas" => biogas(s),
        "water_treatment" => water_treatment(s),
        "waste" => waste(s),
        "sensor" => sensor(s),
        "software" => software(s),
        "camera" => camera(s),
        "microscope" => microscope(s),
        "medical_monitor" => medical_monitor(s),
        "lab_flask" => lab_flask(s),
        "bricks" => bricks(s),
        "concrete" => concrete(s),
        "cnc_machine" => cnc_machine(s),
        "robot_arm" => robot_arm(s),
        "document" => document(s),
        _ => crate_box(s),
    }
}

// ---------------------------------------------------------------------------------------------
// Shapes used by several drawings.

type Pt = (f32, f32);

/// The point `r` from `c` at `deg` degrees, clockwise from east (screen coordinates).
fn polar(c: Pt, r: f32, deg: f32) -> Pt {
    let a = deg * PI / 180.0;
    (c.0 + r * a.cos(), c.1 + r * a.sin())
}

/// A closed polygon.
fn poly(s: &mut String, pts: &[Pt], fill: &str) {
    s.push_str("<path d=\"");
    for (i, (x, y)) in pts.iter().enumerate() {
        let _ = write!(s, "{}{x:.1} {y:.1}", if i == 0 { 'M' } else { 'L' });
    }
    let _ = write!(s, "Z\" fill=\"{fill}\"/>");
}

/// A thick stroke along the path `d` with an ink outline: a pipe, an arm, a stem.
fn tube(s: &mut String, d: &str, w: f32, colour: &str) {
    let _ = write!(
        s,
        r#"<path d="{d}" fill="none" stroke-width="{:.1}"/><path d="{d}" fill="none" stroke="{colour}" stroke-width="{w:.1}"/>"#,
        w + 16.0
    );
}

/// A straight [`tube`] from `a` to `b`.
fn capsule(s: &mut String, a: Pt, b: Pt, w: f32, colour: &str) {
    tube(
        s,
        &format!("M{:.1} {:.1}L{:.1} {:.1}", a.0, a.1, b.0, b.1),
        w,
        colour,
    );
}

/// A drop of water (or a flame) whose round end is centred on (`cx`, `cy`), tip upwards.
fn drop(s: &mut String, cx: f32, cy: f32, r: f32, fill: &str) {
    let _ = write!(
        s,
        r#"<path d="M{cx:.1} {:.1}C{:.1} {:.1} {:.1} {:.1} {:.1} {cy:.1}A{r:.1} {r:.1} 0 0 1 {:.1} {cy:.1}C{:.1} {:.1} {:.1} {:.1} {cx:.1} {:.1}Z" fill="{fill}"/>"#,
        cy - 2.1 * r,
        cx + 0.35 * r,
        cy - 1.5 * r,
        cx + r,
        cy - 0.9 * r,
        cx + r,
        cx - r,
        cx - r,
        cy - 0.9 * r,
        cx - 0.35 * r,
        cy - 1.5 * r,
        cy - 2.1 * r,
    );
}

/// A wheel with a knobbly tyre, a coloured rim and a hub.
fn wheel(s: &mut String, cx: f32, cy: f32, r: f32, rim: &str) {
    let _ = write!(
        s,
        r##"<circle cx="{cx}" cy="{cy}" r="{r}" fill="#3b4752" stroke-width="22" stroke-dasharray="16 14"/>
<circle cx="{cx}" cy="{cy}" r="{r}" fill="#3b4752"/>
<circle cx="{cx}" cy="{cy}" r="{:.1}" fill="{rim}"/>
<circle cx="{cx}" cy="{cy}" r="{:.1}" fill="#5b6976"/>"##,
        r * 0.56,
        r * 0.2
    );
}

/// Short rays around a sun, a bulb or a splash: from `r.0` to `r.1` out of `c`, `n` of them
/// spread evenly from `from` to `to` degrees.
fn rays(
    s: &mut String,
    c: Pt,
    r: (f32, f32),
    (from, to, n): (f32, f32, usize),
    colour: &str,
    w: f32,
) {
    for i in 0..n {
        let deg = if n == 1 {
            from
        } else {
            from + (to - from) * i as f32 / (n - 1) as f32
        };
        let (a, b) = (polar(c, r.0, deg), polar(c, r.1, deg));
        let _ = write!(
            s,
            r#"<path d="M{:.1} {:.1}L{:.1} {:.1}" stroke="{colour}" stroke-width="{w}"/>"#,
            a.0, a.1, b.0, b.1
        );
    }
}

/// A six-armed snowflake.
fn snowflake(s: &mut String, c: Pt, r: f32, colour: &str, w: f32) {
    let mut d = String::new();
    for k in 0..6 {
        let deg = 90.0 + 60.0 * k as f32;
        let tip = polar(c, r, deg);
        let _ = write!(d, "M{:.1} {:.1}L{:.1} {:.1}", c.0, c.1, tip.0, tip.1);
        let mid = polar(c, r * 0.55, deg);
        for side in [-1.0, 1.0] {
            let b = polar(mid, r * 0.3, deg + side * 45.0);
            let _ = write!(d, "M{:.1} {:.1}L{:.1} {:.1}", mid.0, mid.1, b.0, b.1);
        }
    }
    let _ = write!(
        s,
        r#"<path d="{d}" fill="none" stroke="{colour}" stroke-width="{w}"/>"#
    );
}

/// A cog wheel.
fn gear(s: &mut String, c: Pt, r: f32, teeth: usize, fill: &str, hole: &str) {
    let mut pts = Vec::with_capacity(teeth * 4);
    let step = 360.0 / teeth as f32;
    for k in 0..teeth {
        let a = k as f32 * step;
        pts.push(polar(c, r * 0.78, a));
        pts.push(polar(c, r, a + step * 0.18));
        pts.push(polar(c, r, a + step * 0.48));
        pts.push(polar(c, r * 0.78, a + step * 0.66));
    }
    poly(s, &pts, fill);
    let _ = write!(
        s,
        r#"<circle cx="{:.1}" cy="{:.1}" r="{:.1}" fill="{hole}"/>"#,
        c.0,
        c.1,
        r * 0.32
    );
}

/// A leaf (or fin, or petal) from `base` to `tip`, `w` wide at its middle.
fn leaf(s: &mut String, base: Pt, tip: Pt, w: f32, fill: &str) {
    let (dx, dy) = (tip.0 - base.0, tip.1 - base.1);
    let len = (dx * dx + dy * dy).sqrt().max(1.0);
    let (nx, ny) = (-dy / len * w, dx / len * w);
    let m = ((base.0 + tip.0) / 2.0, (base.1 + tip.1) / 2.0);
    let _ = write!(
        s,
        r#"<path d="M{:.1} {:.1}Q{:.1} {:.1} {:.1} {:.1}Q{:.1} {:.1} {:.1} {:.1}Z" fill="{fill}"/>"#,
        base.0,
        base.1,
        m.0 + nx,
        m.1 + ny,
        tip.0,
        tip.1,
        m.0 - nx,
        m.1 - ny,
        base.0,
        base.1
    );
}

/// A cardboard box in a simple oblique view: front face `w`×`h` standing on `bottom`, `d` deep.
fn carton(s: &mut String, x: f32, bottom: f32, w: f32, h: f32, d: f32) {
    let top = bottom - h;
    let (dx, dy) = (d, -d * 0.6);
    poly(
        s,
        &[
            (x + w, top),
            (x + w + dx, top + dy),
            (x + w + dx, bottom + dy),
            (x + w, bottom),
        ],
        "#b97f45",
    );
    poly(
        s,
        &[
            (x, top),
            (x + dx, top + dy),
            (x + w + dx, top + dy),
            (x + w, top),
        ],
        "#ebbf8a",
    );
    let _ = write!(
        s,
        r##"<rect x="{x}" y="{top}" width="{w}" height="{h}" fill="#d9a066"/>"##
    );
    // Tape over the top and down the front.
    let t = w * 0.09;
    let cx = x + w / 2.0;
    poly(
        s,
        &[
            (cx - t, top),
            (cx - t + dx, top + dy),
            (cx + t + dx, top + dy),
            (cx + t, top),
        ],
        "#f3d6ab",
    );
    let _ = write!(
        s,
        r##"<rect x="{:.1}" y="{top}" width="{:.1}" height="{:.1}" fill="#f3d6ab"/>"##,
        cx - t,
        2.0 * t,
        h * 0.32
    );
    // A label with a barcode.
    let (lx, ly, lw, lh) = (x + w * 0.1, bottom - h * 0.42, w * 0.32, h * 0.26);
    let _ = write!(
        s,
        r##"<rect x="{lx:.1}" y="{ly:.1}" width="{lw:.1}" height="{lh:.1}" rx="4" fill="#ffffff" stroke-width="5"/>"##
    );
    let mut bx = lx + lw * 0.15;
    let mut k = 0;
    while bx < lx + lw * 0.85 {
        let bw = if k % 3 == 0 { 4.0 } else { 2.5 };
        let _ = write!(
            s,
            r##"<rect x="{bx:.1}" y="{:.1}" width="{bw}" height="{:.1}" fill="{INK}" stroke="none"/>"##,
            ly + lh * 0.2,
            lh * 0.6
        );
        bx += bw + 4.5;
        k += 1;
    }
}

// ---------------------------------------------------------------------------------------------
// The drawings. Each draws into the ink-outlined group and returns its shadow's half-width.

fn pump(s: &mut String) -> f32 {
    s.push_str(
        r##"<rect x="225" y="686" width="750" height="48" rx="12" fill="#5b6976"/>
<rect x="795" y="300" width="104" height="150" fill="#3d8bd4"/>
<rect x="772" y="276" width="150" height="36" rx="8" fill="#a7b3bf"/>
<rect x="900" y="488" width="80" height="90" fill="#3d8bd4"/>
<rect x="970" y="462" width="36" height="142" rx="8" fill="#a7b3bf"/>
<path d="M730 640H870L895 688H705Z" fill="#2a6aa8"/>
<rect x="596" y="470" width="100" height="130" rx="14" fill="#f39c3d"/>
<path d="M612 500H680M612 535H680M612 570H680" fill="none" stroke="#c46f1a" stroke-width="8"/>
<circle cx="805" cy="530" r="140" fill="#3d8bd4"/>
<circle cx="805" cy="530" r="84" fill="#9fcdf2"/>
<circle cx="805" cy="530" r="30" fill="#5b6976"/>
<path d="M330 640h84l12 48H318Z" fill="#2a6aa8"/>
<path d="M482 640h84l12 48H470Z" fill="#2a6aa8"/>
<rect x="272" y="418" width="338" height="240" rx="36" fill="#3d8bd4"/>
<rect x="236" y="440" width="62" height="196" rx="22" fill="#a7b3bf"/>
<path d="M322 466H572M322 508H572M322 550H572M322 592H572M322 634H572" fill="none" stroke="#2a6aa8" stroke-width="10"/>
<rect x="392" y="366" width="132" height="60" rx="10" fill="#2a6aa8"/>
"##,
    );
    for (x, y) in [
        (790.0, 294.0),
        (904.0, 294.0),
        (988.0, 480.0),
        (988.0, 586.0),
        (805.0, 418.0),
        (805.0, 642.0),
    ] {
        let _ = write!(
            s,
            r##"<circle cx="{x}" cy="{y}" r="7" fill="#ffffff" stroke-width="4"/>"##
        );
    }
    400.0
}

fn drone(s: &mut String) -> f32 {
    s.push_str(
        r##"<defs><linearGradient id="mist" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#7fbef0" stop-opacity="0.8"/><stop offset="1" stop-color="#7fbef0" stop-opacity="0"/></linearGradient></defs>"##,
    );
    let nozzles = [410.0, 520.0, 680.0, 790.0];
    for x in nozzles {
        let _ = write!(
            s,
            r##"<path d="M{:.1} 590L{:.1} 590L{:.1} 770L{:.1} 770Z" fill="url(#mist)" stroke="none"/>"##,
            x - 8.0,
            x + 8.0,
            x + 75.0,
            x - 75.0
        );
        for (i, (dx, dy)) in [
            (-20.0, 640.0),
            (14.0, 672.0),
            (-36.0, 700.0),
            (30.0, 720.0),
            (0.0, 610.0),
        ]
        .iter()
        .enumerate()
        {
            let _ = write!(
                s,
                r##"<circle cx="{:.1}" cy="{dy}" r="{}" fill="#3d8bd4" fill-opacity="0.55" stroke="none"/>"##,
                x + dx,
                if i % 2 == 0 { 7 } else { 5 }
            );
        }
    }
    let c = (600.0, 320.0);
    let tips: Vec<Pt> = (0..6)
        .map(|k| {
            let a = (60.0 * k as f32) * PI / 180.0;
            (c.0 + 300.0 * a.cos(), c.1 + 125.0 * a.sin())
        })
        .collect();
    let rotor = |s: &mut String, p: Pt| {
        let _ = write!(
            s,
            r##"<rect x="{:.1}" y="{:.1}" width="44" height="46" rx="10" fill="#5b6976"/>
<ellipse cx="{:.1}" cy="{:.1}" rx="112" ry="26" fill="#dfe5eb" fill-opacity="0.7" stroke-width="5"/>
<path d="M{:.1} {:.1}L{:.1} {:.1}" stroke-width="12"/>
<circle cx="{:.1}" cy="{:.1}" r="12" fill="#f39c3d" stroke-width="5"/>"##,
            p.0 - 22.0,
            p.1 - 36.0,
            p.0,
            p.1 - 38.0,
            p.0 - 95.0,
            p.1 - 44.0,
            p.0 + 95.0,
            p.1 - 32.0,
            p.0,
            p.1 - 38.0
        );
    };
    // Rotors behind the body, then the arms, the body and the rotors in front.
    for k in [3, 4, 5, 0] {
        rotor(s, tips[k]);
    }
    for &t in &tips {
        capsule(s, c, t, 22.0, "#5b6976");
    }
    capsule(s, (540.0, 400.0), (490.0, 606.0), 14.0, "#5b6976");
    capsule(s, (660.0, 400.0), (710.0, 606.0), 14.0, "#5b6976");
    capsule(s, (420.0, 606.0), (560.0, 606.0), 14.0, "#5b6976");
    capsule(s, (640.0, 606.0), (780.0, 606.0), 14.0, "#5b6976");
    capsule(s, (600.0, 500.0), (600.0, 560.0), 10.0, "#5b6976");
    capsule(s, (390.0, 565.0), (810.0, 565.0), 12.0, "#5b6976");
    for x in nozzles {
        let _ = write!(
            s,
            r##"<path d="M{:.1} 566L{:.1} 566L{:.1} 592L{:.1} 592Z" fill="#f39c3d" stroke-width="6"/>"##,
            x - 15.0,
            x + 15.0,
            x + 7.0,
            x - 7.0
        );
    }
    s.push_str(
        r##"<rect x="532" y="352" width="136" height="160" rx="36" fill="#ffffff"/>
<path d="M536 430H664V476Q664 508 632 508H568Q536 508 536 476Z" fill="#9fcdf2" stroke="none"/>
<rect x="532" y="352" width="136" height="160" rx="36" fill="none"/>
<ellipse cx="600" cy="322" rx="150" ry="66" fill="#ffffff"/>
<ellipse cx="600" cy="306" rx="100" ry="38" fill="#5bb86a"/>
<circle cx="600" cy="292" r="16" fill="#5b6976" stroke-width="6"/>
<circle cx="505" cy="350" r="9" fill="#e4574a" stroke-width="4"/>
<circle cx="695" cy="350" r="9" fill="#5bb86a" stroke-width="4"/>
"##,
    );
    for k in [1, 2] {
        rotor(s, tips[k]);
    }
    300.0
}

fn tractor(s: &mut String) -> f32 {
    s.push_str(
        r##"<rect x="515" y="556" width="380" height="52" rx="10" fill="#5b6976"/>
<rect x="776" y="348" width="24" height="120" rx="6" fill="#5b6976"/>
<rect x="770" y="336" width="36" height="22" rx="6" fill="#3b4752"/>
<path d="M318 470V246H556L590 470Z" fill="#e4574a"/>
<path d="M346 455V272H532L558 455Z" fill="#c8e8fa"/>
<path d="M442 272V455" fill="none" stroke-width="12"/>
<path d="M364 296L400 296M364 318L384 318" fill="none" stroke="#ffffff" stroke-width="8"/>
<rect x="292" y="212" width="296" height="42" rx="12" fill="#f2f4f6"/>
<path d="M556 458L880 470Q935 474 935 520V590H556Z" fill="#e4574a"/>
<path d="M600 500H860M600 530H860" fill="none" stroke="#b83a30" stroke-width="8"/>
<rect x="905" y="492" width="42" height="90" rx="8" fill="#5b6976"/>
<circle cx="922" cy="508" r="11" fill="#f7c948" stroke-width="5"/>
"##,
    );
    wheel(s, 402.0, 590.0, 168.0, "#f7c948");
    wheel(s, 842.0, 656.0, 104.0, "#f7c948");
    s.push_str(
        r##"<path d="M196 606A206 206 0 0 1 608 606L608 620H570A168 168 0 0 0 234 620H196Z" fill="#e4574a"/>
<rect x="186" y="610" width="60" height="26" rx="8" fill="#5b6976"/>
"##,
    );
    400.0
}

fn harvester(s: &mut String) -> f32 {
    s.push_str(
        r##"<path d="M860 252L980 176L1000 186L1002 236" fill="none" stroke-width="44"/>
<path d="M860 252L980 176L1000 186L1002 236" fill="none" stroke="#a7b3bf" stroke-width="28"/>
<path d="M604 306L624 226H860L880 306Z" fill="#a5dc8e"/>
<path d="M452 296H872L910 350V626H452Z" fill="#5bb86a"/>
<rect x="452" y="420" width="458" height="34" fill="#f7c948"/>
<path d="M760 520H880M760 550H880M760 580H880" fill="none" stroke="#2f8a4a" stroke-width="9"/>
<rect x="432" y="176" width="184" height="132" rx="10" fill="#5bb86a"/>
<rect x="452" y="196" width="144" height="100" rx="6" fill="#c8e8fa"/>
<path d="M470 220L506 220M470 242L492 242" fill="none" stroke="#ffffff" stroke-width="8"/>
<rect x="418" y="156" width="212" height="32" rx="10" fill="#f2f4f6"/>
<path d="M296 566L462 470V612L340 650Z" fill="#2f8a4a"/>
<path d="M112 706L196 598H392L408 706Z" fill="#f7c948"/>
<path d="M150 660H394" fill="none" stroke="#c9961c" stroke-width="8"/>
<path d="M112 706L160 718L200 706L240 718L280 706L320 718L360 706L408 706" fill="none" stroke-width="8"/>
"##,
    );
    wheel(s, 572.0, 650.0, 112.0, "#f7c948");
    wheel(s, 838.0, 690.0, 72.0, "#f7c948");
    // The reel: a hub, spokes and bats, on an arm from the body.
    capsule(s, (284.0, 490.0), (470.0, 400.0), 22.0, "#2f8a4a");
    let c = (284.0, 490.0);
    let _ = write!(
        s,
        r##"<circle cx="{}" cy="{}" r="104" fill="none" stroke-width="8"/>"##,
        c.0, c.1
    );
    for k in 0..6 {
        let deg = 15.0 + 60.0 * k as f32;
        capsule(s, c, polar(c, 104.0, deg), 8.0, "#5b6976");
    }
    for k in 0..6 {
        let deg = 15.0 + 60.0 * k as f32;
        let p = polar(c, 104.0, deg);
        let _ = write!(
            s,
            r##"<path d="M{:.1} {:.1}l-8 34" fill="none" stroke-width="6"/><circle cx="{:.1}" cy="{:.1}" r="15" fill="#f39c3d"/>"##,
            p.0, p.1, p.0, p.1
        );
    }
    let _ = write!(
        s,
        r##"<circle cx="{}" cy="{}" r="26" fill="#f39c3d"/>"##,
        c.0, c.1
    );
    420.0
}

fn dryer(s: &mut String) -> f32 {
    s.push_str(
        r##"<path d="M520 764Q600 690 680 764Z" fill="#f7c948"/>
<rect x="486" y="600" width="22" height="160" rx="6" fill="#5b6976"/>
<rect x="692" y="600" width="22" height="160" rx="6" fill="#5b6976"/>
<path d="M468 604H732L642 700H558Z" fill="#a7b3bf"/>
<rect x="574" y="694" width="52" height="34" rx="6" fill="#5b6976"/>
<rect x="468" y="188" width="264" height="420" rx="6" fill="#c5d0da"/>
<path d="M468 258H732M468 328H732M468 398H732M468 468H732M468 538H732" fill="none" stroke="#8d9ba8" stroke-width="6"/>
"##,
    );
    for row in 0..6 {
        for col in 0..3 {
            let (x, y) = (500.0 + col as f32 * 70.0, 210.0 + row as f32 * 70.0);
            let _ = write!(
                s,
                r##"<rect x="{x}" y="{y}" width="54" height="22" rx="5" fill="#5b6976" stroke-width="5"/>"##
            );
        }
    }
    s.push_str(
        r##"<path d="M448 192L600 118L752 192Z" fill="#a7b3bf"/>
<rect x="790" y="150" width="62" height="612" rx="6" fill="#f39c3d"/>
<path d="M776 154V110Q821 70 866 110V154Z" fill="#f39c3d"/>
<path d="M812 128L716 214" fill="none" stroke-width="40"/>
<path d="M812 128L716 214" fill="none" stroke="#f39c3d" stroke-width="24"/>
<path d="M800 240H842M800 330H842M800 420H842M800 510H842M800 600H842M800 690H842" fill="none" stroke="#c46f1a" stroke-width="7"/>
<rect x="262" y="470" width="180" height="150" rx="14" fill="#3d8bd4"/>
<rect x="440" y="508" width="34" height="72" fill="#a7b3bf"/>
<rect x="278" y="620" width="24" height="140" fill="#5b6976"/>
<rect x="402" y="620" width="24" height="140" fill="#5b6976"/>
<path d="M300 440Q285 420 300 400Q315 380 300 360M352 440Q337 420 352 400Q367 380 352 360M404 440Q389 420 404 400Q419 380 404 360" fill="none" stroke="#e4574a" stroke-width="10"/>
"##,
    );
    let c = (352.0, 545.0);
    let _ = write!(
        s,
        r##"<circle cx="{}" cy="{}" r="52" fill="#dfe5eb"/>"##,
        c.0, c.1
    );
    for k in 0..4 {
        leaf(
            s,
            c,
            polar(c, 46.0, 45.0 + 90.0 * k as f32),
            14.0,
            "#5b6976",
        );
    }
    let _ = write!(
        s,
        r##"<circle cx="{}" cy="{}" r="10" fill="#26323d"/>"##,
        c.0, c.1
    );
    for (x, y) in [
        (560.0, 748.0),
        (590.0, 735.0),
        (620.0, 746.0),
        (650.0, 752.0),
        (600.0, 755.0),
    ] {
        let _ = write!(
            s,
            r##"<ellipse cx="{x}" cy="{y}" rx="9" ry="5" fill="#c9961c" stroke="none"/>"##
        );
    }
    400.0
}

fn irrigation(s: &mut String) -> f32 {
    s.push_str(
        r##"<path d="M140 650Q600 610 1060 650L1060 770Q600 800 140 770Z" fill="#8a5a3c"/>
<path d="M200 720h30M330 750h24M760 735h30M900 760h26M480 770h20" fill="none" stroke="#6b4329" stroke-width="8"/>
"##,
    );
    // Seedlings between the emitters.
    for x in [300.0, 480.0, 720.0, 900.0] {
        capsule(s, (x, 640.0), (x, 560.0), 8.0, "#2f8a4a");
        leaf(s, (x, 585.0), (x - 56.0, 548.0), 18.0, "#5bb86a");
        leaf(s, (x, 570.0), (x + 60.0, 528.0), 18.0, "#a5dc8e");
    }
    // The sprinkler on its riser, spraying arcs of drops.
    capsule(s, (600.0, 640.0), (600.0, 340.0), 20.0, "#a7b3bf");
    s.push_str(
        r##"<path d="M600 300Q760 150 960 420" fill="none" stroke="#3d8bd4" stroke-width="18" stroke-dasharray="1 34"/>
<path d="M600 300Q440 150 240 420" fill="none" stroke="#3d8bd4" stroke-width="18" stroke-dasharray="1 34"/>
<path d="M600 300Q730 210 860 460" fill="none" stroke="#7fbef0" stroke-width="14" stroke-dasharray="1 30"/>
<path d="M600 300Q470 210 340 460" fill="none" stroke="#7fbef0" stroke-width="14" stroke-dasharray="1 30"/>
<rect x="572" y="300" width="56" height="52" rx="10" fill="#2a6aa8"/>
<path d="M600 300V276" fill="none" stroke-width="14"/>
<rect x="560" y="262" width="80" height="22" rx="8" fill="#f39c3d"/>
"##,
    );
    for (x, y) in [(255.0, 470.0), (945.0, 470.0)] {
        drop(s, x, y, 14.0, "#3d8bd4");
    }
    // The drip line with its emitters and drops.
    capsule(s, (150.0, 655.0), (1050.0, 655.0), 22.0, "#3b4752");
    for x in [390.0, 600.0, 810.0] {
        let _ = write!(
            s,
            r##"<rect x="{}" y="636" width="40" height="38" rx="8" fill="#2a6aa8"/>
<ellipse cx="{x}" cy="742" rx="52" ry="12" fill="#6b4329" stroke="none"/>"##,
            x - 20.0
        );
        drop(s, x, 716.0, 13.0, "#3d8bd4");
    }
    0.0
}

fn seedling(s: &mut String) -> f32 {
    s.push_str(
        r##"<path d="M230 770C280 650 470 610 600 610C730 610 920 650 970 770Z" fill="#8a5a3c"/>
"##,
    );
    for (x, y, r) in [
        (380.0, 700.0, 14.0),
        (450.0, 668.0, 9.0),
        (760.0, 690.0, 12.0),
        (840.0, 730.0, 9.0),
        (520.0, 730.0, 10.0),
        (690.0, 740.0, 8.0),
    ] {
        let _ = write!(
            s,
            r##"<ellipse cx="{x}" cy="{y}" rx="{r}" ry="{:.1}" fill="#c98f5d" stroke="none"/>"##,
            r * 0.7
        );
    }
    s.push_str(
        r##"<path d="M576 612Q600 596 624 612" fill="none" stroke="#6b4329" stroke-width="8"/>"##,
    );
    tube(s, "M600 622C604 560 588 470 600 380", 20.0, "#2f8a4a");
    s.push_str(
        r##"<path d="M598 440C540 330 420 300 310 330C360 440 500 480 598 440Z" fill="#5bb86a"/>
<path d="M590 436Q460 360 330 334" fill="none" stroke="#2f8a4a" stroke-width="7"/>
<path d="M602 392C640 260 780 200 900 226C870 350 740 410 602 392Z" fill="#a5dc8e"/>
<path d="M610 386Q760 290 880 234" fill="none" stroke="#5bb86a" stroke-width="7"/>
<path d="M600 384C580 330 590 290 620 262C640 300 630 350 600 384Z" fill="#5bb86a"/>
"##,
    );
    330.0
}

fn sack(s: &mut String) -> f32 {
    // A second bag (fertiliser) behind, leaning.
    s.push_str(
        r##"<g transform="rotate(8 900 750)">
<path d="M780 330L980 330C1010 440 1020 600 1000 720Q995 750 960 750H800Q765 750 760 720C740 600 750 440 780 330Z" fill="#9fcdf2"/>
<path d="M780 330L980 330L972 370H788Z" fill="#7fb2de"/>
<circle cx="905" cy="560" r="62" fill="#ffffff"/>
<path d="M900 602Q890 540 930 510Q940 570 900 602Z" fill="#5bb86a"/>
<path d="M900 604Q880 560 860 548Q866 590 900 604Z" fill="#a5dc8e"/>
</g>"##,
    );
    // The rice bag.
    s.push_str(
        r##"<path d="M410 250C400 225 425 210 450 214L750 214C775 210 800 225 790 250C815 380 830 570 805 705Q798 752 750 752H450Q402 752 395 705C370 570 385 380 410 250Z" fill="#f3e7cc"/>
<path d="M410 250C400 225 425 210 450 214L750 214C775 210 800 225 790 250L786 282H414Z" fill="#e3cfa6"/>
<path d="M430 250H770" fill="none" stroke="#9b7b4a" stroke-width="5" stroke-dasharray="14 12"/>
<path d="M404 330Q600 345 796 330M396 680Q600 695 804 680" fill="none" stroke="#dcc79d" stroke-width="5"/>
<rect x="450" y="380" width="300" height="260" rx="22" fill="#5bb86a"/>
"##,
    );
    // An ear of rice on the label: a stem bowed by its grains, and two leaves.
    leaf(s, (578.0, 612.0), (505.0, 480.0), 14.0, "#a5dc8e");
    leaf(s, (582.0, 612.0), (690.0, 560.0), 12.0, "#a5dc8e");
    let (p0, p1, p2, p3) = (
        (580.0f32, 616.0f32),
        (574.0f32, 470.0f32),
        (630.0f32, 390.0f32),
        (690.0f32, 460.0f32),
    );
    let bezier = |t: f32| -> (Pt, Pt) {
        let u = 1.0 - t;
        let at = |a: f32, b: f32, c: f32, d: f32| {
            u * u * u * a + 3.0 * u * u * t * b + 3.0 * u * t * t * c + t * t * t * d
        };
        let slope = |a: f32, b: f32, c: f32, d: f32| {
            3.0 * u * u * (b - a) + 6.0 * u * t * (c - b) + 3.0 * t * t * (d - c)
        };
        let d = (slope(p0.0, p1.0, p2.0, p3.0), slope(p0.1, p1.1, p2.1, p3.1));
        let len = (d.0 * d.0 + d.1 * d.1).sqrt().max(1e-3);
        (
            (at(p0.0, p1.0, p2.0, p3.0), at(p0.1, p1.1, p2.1, p3.1)),
            (d.0 / len, d.1 / len),
        )
    };
    tube(
        s,
        &format!(
            "M{} {}C{} {} {} {} {} {}",
            p0.0, p0.1, p1.0, p1.1, p2.0, p2.1, p3.0, p3.1
        ),
        5.0,
        "#c9961c",
    );
    for k in 0..10 {
        let t = 0.4 + 0.062 * k as f32;
        let (p, d) = bezier(t);
        let side = if k % 2 == 0 { 1.0 } else { -1.0 };
        let c = (p.0 - d.1 * side * 15.0, p.1 + d.0 * side * 15.0);
        let deg = d.1.atan2(d.0) * 180.0 / PI - side * 32.0;
        let _ = write!(
            s,
            r##"<ellipse cx="{:.1}" cy="{:.1}" rx="17" ry="9" transform="rotate({deg:.1} {:.1} {:.1})" fill="#f7c948" stroke-width="5"/>"##,
            c.0, c.1, c.0, c.1
        );
    }
    let (tip, d) = bezier(1.0);
    let deg = d.1.atan2(d.0) * 180.0 / PI;
    let _ = write!(
        s,
        r##"<ellipse cx="{:.1}" cy="{:.1}" rx="17" ry="9" transform="rotate({deg:.1} {:.1} {:.1})" fill="#f7c948" stroke-width="5"/>"##,
        tip.0 + d.0 * 8.0,
        tip.1 + d.1 * 8.0,
        tip.0 + d.0 * 8.0,
        tip.1 + d.1 * 8.0
    );
    // Spilled grains.
    for (x, y, r) in [
        (340.0, 752.0, 20.0),
        (380.0, 760.0, -30.0),
        (300.0, 762.0, 60.0),
        (860.0, 764.0, -10.0),
        (420.0, 768.0, 5.0),
    ] {
        let _ = write!(
            s,
            r##"<ellipse cx="{x}" cy="{y}" rx="15" ry="8" transform="rotate({r} {x} {y})" fill="#f7c948" stroke-width="5"/>"##
        );
    }
    330.0
}

/// A paddle wheel of eight blades around `c`.
fn paddle_wheel(s: &mut String, c: Pt, r: f32, offset: f32) {
    for k in 0..8 {
        let deg = offset + 45.0 * k as f32;
        let a = polar(c, r * 0.3, deg);
        let b = polar(c, r, deg);
        let (p1, p2) = (
            polar(a, r * 0.16, deg + 90.0),
            polar(a, r * 0.16, deg - 90.0),
        );
        let (p3, p4) = (polar(b, r * 0.2, deg - 90.0), polar(b, r * 0.2, deg + 90.0));
        poly(
            s,
            &[p1, p2, p3, p4],
            if k % 2 == 0 { "#3d8bd4" } else { "#9fcdf2" },
        );
    }
    let _ = write!(
        s,
        r##"<circle cx="{}" cy="{}" r="{:.1}" fill="#5b6976"/>"##,
        c.0,
        c.1,
        r * 0.32
    );
}

fn aerator(s: &mut String) -> f32 {
    // Floats, the frame over the wheels, the motor and gearbox between them.
    s.push_str(
        r##"<rect x="140" y="556" width="120" height="120" rx="44" fill="#ffffff"/>
<rect x="940" y="556" width="120" height="120" rx="44" fill="#ffffff"/>
<path d="M140 604H260M940 604H1060" fill="none" stroke="#f39c3d" stroke-width="14"/>
<rect x="186" y="400" width="28" height="170" fill="#a7b3bf"/>
<rect x="986" y="400" width="28" height="170" fill="#a7b3bf"/>
"##,
    );
    capsule(s, (230.0, 560.0), (970.0, 560.0), 18.0, "#5b6976");
    paddle_wheel(s, (430.0, 560.0), 118.0, 10.0);
    paddle_wheel(s, (770.0, 560.0), 118.0, 32.0);
    s.push_str(
        r##"<rect x="418" y="396" width="24" height="150" fill="#a7b3bf"/>
<rect x="758" y="396" width="24" height="150" fill="#a7b3bf"/>
<rect x="168" y="380" width="864" height="36" rx="10" fill="#5b6976"/>
<rect x="556" y="412" width="88" height="176" rx="12" fill="#a7b3bf"/>
<rect x="526" y="284" width="148" height="104" rx="18" fill="#f39c3d"/>
<path d="M546 312H654M546 336H654M546 360H654" fill="none" stroke="#c46f1a" stroke-width="7"/>
<path d="M0 640Q50 618 100 640T200 640T300 640T400 640T500 640T600 640T700 640T800 640T900 640T1000 640T1100 640T1200 640V900H0Z" fill="#4f9fd6" fill-opacity="0.88" stroke="none"/>
<path d="M0 640Q50 618 100 640T200 640T300 640T400 640T500 640T600 640T700 640T800 640T900 640T1000 640T1100 640T1200 640" fill="none"/>
<path d="M120 730Q150 716 180 730M980 740Q1010 726 1040 740M560 770Q590 756 620 770M300 820Q330 806 360 820M820 830Q850 816 880 830" fill="none" stroke="#ffffff" stroke-width="8"/>
"##,
    );
    // Foam where the blades dig in, and spray thrown up beside each wheel.
    for cx in [430.0f32, 770.0] {
        let _ = write!(
            s,
            r##"<path d="M{:.1} 650Q{:.1} 610 {:.1} 632Q{cx:.1} 600 {:.1} 632Q{:.1} 610 {:.1} 650Z" fill="#ffffff" stroke-width="6"/>"##,
            cx - 120.0,
            cx - 96.0,
            cx - 50.0,
            cx + 50.0,
            cx + 96.0,
            cx + 120.0
        );
        let out = if cx < 600.0 { -1.0 } else { 1.0 };
        for (dx, dy, r) in [
            (146.0, 612.0, 12.0),
            (150.0, 540.0, 9.0),
            (96.0, 470.0, 8.0),
        ] {
            drop(s, cx + out * dx, dy, r, "#ffffff");
        }
    }
    0.0
}

fn shrimp(s: &mut String) -> f32 {
    let c = (640.0f32, 470.0f32);
    let r = 215.0f32;
    // Math angles (counter-clockwise, y up) along the curled body.
    let at = |deg: f32, rad: f32| -> Pt {
        let a = deg * PI / 180.0;
        (c.0 + rad * a.cos(), c.1 - rad * a.sin())
    };
    let half = |deg: f32| -> f32 {
        if deg < 125.0 {
            98.0
        } else {
            98.0 - (deg - 125.0) * 0.46
        }
    };
    let tangent = |deg: f32| -> Pt {
        // Direction of increasing angle, in screen coordinates.
        let a = deg * PI / 180.0;
        (-a.sin(), -a.cos())
    };
    // Antennae, sweeping back over the body.
    s.push_str(
        r##"<path d="M742 282C900 200 900 70 520 70" fill="none" stroke-width="7"/>
<path d="M748 292C960 250 1000 120 700 40" fill="none" stroke-width="7"/>
"##,
    );
    // Walking legs under the head and swimmerets under the tail.
    for (k, deg) in [76.0f32, 88.0, 100.0, 112.0].iter().enumerate() {
        let a = at(*deg, r - 70.0);
        let knee = (a.0 + 34.0 - k as f32 * 6.0, a.1 + 70.0);
        let foot = (knee.0 + 22.0, knee.1 + 46.0 - k as f32 * 6.0);
        let d = format!(
            "M{:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}",
            a.0, a.1, knee.0, knee.1, foot.0, foot.1
        );
        tube(s, &d, 7.0, "#e0603f");
    }
    for deg in [140.0f32, 162.0, 184.0, 206.0] {
        let a = at(deg, r - half(deg) + 20.0);
        let b = at(deg + 6.0, r - half(deg) - 50.0);
        capsule(s, a, b, 10.0, "#e0603f");
    }
    // Tail fan.
    let base = at(242.0, r);
    let t = tangent(242.0);
    for turn in [-38.0f32, 0.0, 38.0] {
        let a = turn * PI / 180.0;
        let d = (t.0 * a.cos() - t.1 * a.sin(), t.0 * a.sin() + t.1 * a.cos());
        leaf(
            s,
            base,
            (base.0 + d.0 * 130.0, base.1 + d.1 * 130.0),
            30.0,
            "#e0603f",
        );
    }
    // Abdomen segments from the tail forward, then the head.
    let segments = [
        (222.0f32, 246.0f32),
        (200.0, 226.0),
        (178.0, 204.0),
        (156.0, 182.0),
        (134.0, 160.0),
        (116.0, 138.0),
    ];
    for (i, &(a0, a1)) in segments.iter().enumerate() {
        let mut pts = Vec::new();
        for k in 0..=8 {
            let deg = a0 + (a1 - a0) * k as f32 / 8.0;
            pts.push(at(deg, r + half(deg)));
        }
        for k in (0..=8).rev() {
            let deg = a0 + (a1 - a0) * k as f32 / 8.0;
            pts.push(at(deg, r - half(deg) * 0.92));
        }
        poly(s, &pts, if i % 2 == 0 { "#f4845f" } else { "#f79a74" });
    }
    // The head (carapace) with its pointed rostrum.
    let mut d = String::new();
    let front = 68.0f32;
    for k in 0..=10 {
        let deg = 124.0 + (front - 124.0) * k as f32 / 10.0;
        let p = at(deg, r + half(deg));
        let _ = write!(d, "{}{:.1} {:.1}", if k == 0 { 'M' } else { 'L' }, p.0, p.1);
    }
    let tf = tangent(front);
    let top = at(front, r + half(front));
    let tip = (top.0 - tf.0 * 150.0, top.1 - tf.1 * 150.0 - 30.0);
    let notch = at(front, r + half(front) * 0.55);
    let low = at(front, r - half(front) * 0.92);
    let ctrl = (at(front, r).0 - tf.0 * 60.0, at(front, r).1 - tf.1 * 60.0);
    let _ = write!(
        d,
        "L{:.1} {:.1}L{:.1} {:.1}Q{:.1} {:.1} {:.1} {:.1}",
        tip.0, tip.1, notch.0, notch.1, ctrl.0, ctrl.1, low.0, low.1
    );
    for k in 0..=10 {
        let deg = front + (124.0 - front) * k as f32 / 10.0;
        let p = at(deg, r - half(deg) * 0.92);
        let _ = write!(d, "L{:.1} {:.1}", p.0, p.1);
    }
    let _ = write!(s, r##"<path d="{d}Z" fill="#f4845f"/>"##);
    // A groove on the carapace, the eye.
    let g0 = at(118.0, r + 30.0);
    let g1 = at(84.0, r + 20.0);
    let _ = write!(
        s,
        r##"<path d="M{:.1} {:.1}Q{:.1} {:.1} {:.1} {:.1}" fill="none" stroke="#e0603f" stroke-width="8"/>"##,
        g0.0,
        g0.1,
        at(100.0, r - 10.0).0,
        at(100.0, r - 10.0).1,
        g1.0,
        g1.1
    );
    let eye = at(front + 6.0, r + 30.0);
    let _ = write!(
        s,
        r##"<circle cx="{:.1}" cy="{:.1}" r="20" fill="{INK}"/><circle cx="{:.1}" cy="{:.1}" r="6" fill="#ffffff" stroke="none"/>"##,
        eye.0,
        eye.1,
        eye.0 + 6.0,
        eye.1 - 6.0
    );
    // Bubbles.
    for (x, y, rad) in [
        (900.0, 520.0, 18.0),
        (940.0, 450.0, 12.0),
        (880.0, 400.0, 9.0),
    ] {
        let _ = write!(
            s,
            r##"<circle cx="{x}" cy="{y}" r="{rad}" fill="#ffffff" fill-opacity="0.6" stroke-width="5"/>"##
        );
    }
    280.0
}

fn fish(s: &mut String) -> f32 {
    s.push_str(
        r##"<path d="M890 440C930 400 975 350 1012 316C996 390 984 418 966 442C984 466 996 494 1012 568C975 534 930 482 890 440Z" fill="#5f8fb0"/>
<path d="M530 322C570 262 620 226 690 208C676 252 684 292 708 330Z" fill="#5f8fb0"/>
<path d="M630 566C660 610 700 640 752 652C738 616 748 584 772 552Z" fill="#5f8fb0"/>
<path d="M240 450C290 330 480 290 650 308C780 322 880 380 930 440C880 505 780 556 640 572C470 590 290 565 240 450Z" fill="#8fb3cc"/>
<path d="M262 470C380 545 520 570 650 562C760 552 850 512 905 458C800 520 520 545 262 470Z" fill="#dce9f1" stroke="none"/>
<path d="M240 450C290 330 480 290 650 308C780 322 880 380 930 440C880 505 780 556 640 572C470 590 290 565 240 450Z" fill="none"/>
<path d="M410 356Q452 450 410 540" fill="none" stroke-width="8"/>
<path d="M500 380Q530 370 560 380M580 370Q610 360 640 370M660 380Q690 372 720 384M540 440Q570 430 600 440M620 432Q650 424 680 434M700 438Q730 432 760 444M780 400Q805 396 830 408" fill="none" stroke="#6f96b3" stroke-width="6"/>
<path d="M430 480Q480 540 540 526Q490 500 450 470Z" fill="#5f8fb0"/>
<circle cx="322" cy="418" r="26" fill="#ffffff"/>
<circle cx="316" cy="418" r="12" fill="#26323d" stroke="none"/>
<path d="M246 458L282 466" fill="none" stroke-width="7"/>
<path d="M262 468Q236 510 208 520M282 472Q270 512 250 536" fill="none" stroke-width="6"/>
"##,
    );
    for (x, y, r) in [
        (200.0, 330.0, 20.0),
        (165.0, 260.0, 13.0),
        (205.0, 205.0, 9.0),
    ] {
        let _ = write!(
            s,
            r##"<circle cx="{x}" cy="{y}" r="{r}" fill="#ffffff" fill-opacity="0.6" stroke-width="5"/>"##
        );
    }
    360.0
}

fn cold_storage(s: &mut String) -> f32 {
    s.push_str(
        r##"<rect x="230" y="200" width="740" height="546" rx="10" fill="#eef2f6"/>
<path d="M330 220V746M870 220V746" fill="none" stroke="#c5d0da" stroke-width="6"/>
<rect x="214" y="168" width="772" height="56" rx="12" fill="#3d8bd4"/>
"##,
    );
    for k in 0..12 {
        let x = 250.0 + k as f32 * 60.0;
        poly(
            s,
            &[
                (x, 224.0),
                (x + 24.0, 224.0),
                (x + 12.0, 250.0 + (k % 3) as f32 * 10.0),
            ],
            "#cfe8fa",
        );
    }
    s.push_str(
        r##"<rect x="408" y="262" width="384" height="484" rx="10" fill="#a7b3bf"/>
<rect x="430" y="284" width="340" height="462" rx="8" fill="#ffffff"/>
<rect x="430" y="676" width="340" height="70" fill="#c5d0da"/>
<rect x="412" y="322" width="40" height="66" rx="8" fill="#5b6976"/>
<rect x="412" y="604" width="40" height="66" rx="8" fill="#5b6976"/>
<rect x="716" y="440" width="34" height="150" rx="12" fill="#5b6976"/>
<path d="M733 470H690" fill="none" stroke-width="26"/>
<path d="M733 470H690" fill="none" stroke="#a7b3bf" stroke-width="12"/>
<circle cx="590" cy="450" r="112" fill="#3d8bd4"/>
"##,
    );
    snowflake(s, (590.0, 450.0), 80.0, "#ffffff", 16.0);
    s.push_str(
        r##"<rect x="880" y="330" width="40" height="180" rx="20" fill="#ffffff"/>
<rect x="892" y="410" width="16" height="100" fill="#3d8bd4" stroke="none"/>
<circle cx="900" cy="520" r="32" fill="#3d8bd4"/>
<path d="M880 370H896M880 400H896M880 430H896M880 460H896" fill="none" stroke-width="5"/>
"##,
    );
    for (x, y) in [
        (290.0, 320.0),
        (300.0, 460.0),
        (275.0, 600.0),
        (930.0, 620.0),
    ] {
        snowflake(s, (x, y), 22.0, "#7fbef0", 6.0);
    }
    420.0
}

fn packaging(s: &mut String) -> f32 {
    for x in [240.0, 600.0, 960.0] {
        capsule(s, (x, 620.0), (x, 744.0), 20.0, "#a7b3bf");
    }
    s.push_str(r##"<rect x="140" y="556" width="920" height="66" rx="33" fill="#5b6976"/>"##);
    for k in 0..10 {
        let x = 180.0 + k as f32 * 93.0;
        let _ = write!(
            s,
            r##"<circle cx="{x}" cy="589" r="19" fill="#a7b3bf" stroke-width="6"/>"##
        );
    }
    s.push_str(r##"<path d="M140 560H1060" fill="none" stroke-width="12"/>"##);
    carton(s, 210.0, 556.0, 190.0, 150.0, 46.0);
    carton(s, 480.0, 556.0, 230.0, 200.0, 54.0);
    carton(s, 790.0, 556.0, 170.0, 128.0, 42.0);
    440.0
}

fn processing_line(s: &mut String) -> f32 {
    capsule(s, (240.0, 660.0), (240.0, 746.0), 22.0, "#5b6976");
    capsule(s, (540.0, 660.0), (540.0, 746.0), 22.0, "#5b6976");
    capsule(s, (740.0, 600.0), (740.0, 746.0), 20.0, "#a7b3bf");
    capsule(s, (1000.0, 600.0), (1000.0, 746.0), 20.0, "#a7b3bf");
    for (x, fill) in [
        (300.0, "#f39c3d"),
        (350.0, "#f7c948"),
        (400.0, "#5bb86a"),
        (450.0, "#f39c3d"),
        (500.0, "#f7c948"),
        (330.0, "#5bb86a"),
        (430.0, "#f7c948"),
    ] {
        let y = if x == 330.0 || x == 430.0 {
            110.0
        } else {
            138.0
        };
        let _ = write!(
            s,
            r##"<circle cx="{x}" cy="{y}" r="30" fill="{fill}" stroke-width="6"/>"##
        );
    }
    s.push_str(
        r##"<path d="M232 142H568L530 250H270Z" fill="#dfe5eb"/>
<rect x="196" y="244" width="408" height="420" rx="18" fill="#c5d0da"/>
<rect x="230" y="290" width="220" height="180" rx="14" fill="#c8e8fa"/>
"##,
    );
    gear(s, (310.0, 380.0), 60.0, 10, "#a7b3bf", "#5b6976");
    gear(s, (395.0, 420.0), 38.0, 8, "#f39c3d", "#5b6976");
    s.push_str(
        r##"<rect x="476" y="290" width="100" height="200" rx="10" fill="#3b4752"/>
<rect x="492" y="308" width="68" height="46" rx="5" fill="#7fe0a0"/>
<circle cx="510" cy="390" r="13" fill="#5bb86a" stroke-width="5"/>
<circle cx="548" cy="390" r="13" fill="#e4574a" stroke-width="5"/>
<circle cx="510" cy="436" r="13" fill="#f7c948" stroke-width="5"/>
<circle cx="548" cy="436" r="13" fill="#3d8bd4" stroke-width="5"/>
<path d="M230 520H576M230 560H576M230 600H576" fill="none" stroke="#a7b3bf" stroke-width="8"/>
<path d="M604 500H680L700 556H604Z" fill="#a7b3bf"/>
<rect x="600" y="556" width="460" height="50" rx="25" fill="#5b6976"/>
"##,
    );
    for k in 0..5 {
        let x = 630.0 + k as f32 * 100.0;
        let _ = write!(
            s,
            r##"<circle cx="{x}" cy="581" r="14" fill="#a7b3bf" stroke-width="5"/>"##
        );
    }
    for (x, fill) in [(720.0, "#f39c3d"), (840.0, "#5bb86a"), (960.0, "#f39c3d")] {
        let _ = write!(
            s,
            r##"<rect x="{}" y="456" width="76" height="100" rx="14" fill="{fill}"/>
<rect x="{}" y="430" width="60" height="30" rx="6" fill="#5b6976"/>
<rect x="{}" y="484" width="76" height="40" fill="#ffffff"/>"##,
            x - 38.0,
            x - 30.0,
            x - 38.0
        );
    }
    440.0
}

fn solar_panel(s: &mut String) -> f32 {
    let _ = write!(s, r##"<circle cx="965" cy="180" r="72" fill="#f7c948"/>"##);
    rays(
        s,
        (965.0, 180.0),
        (98.0, 132.0),
        (0.0, 330.0, 12),
        "#f39c3d",
        14.0,
    );
    capsule(s, (380.0, 586.0), (380.0, 744.0), 22.0, "#a7b3bf");
    capsule(s, (820.0, 586.0), (820.0, 744.0), 22.0, "#a7b3bf");
    capsule(s, (380.0, 700.0), (820.0, 640.0), 12.0, "#a7b3bf");
    let (tl, tr, br, bl) = (
        (330.0f32, 250.0f32),
        (880.0f32, 250.0f32),
        (960.0f32, 560.0f32),
        (250.0f32, 560.0f32),
    );
    poly(
        s,
        &[bl, br, (br.0, br.1 + 26.0), (bl.0, bl.1 + 26.0)],
        "#5b6976",
    );
    poly(s, &[tl, tr, br, bl], "#2f5fa8");
    let lerp = |a: Pt, b: Pt, t: f32| -> Pt { (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t) };
    let mut d = String::new();
    for k in 1..6 {
        let t = k as f32 / 6.0;
        let (a, b) = (lerp(tl, tr, t), lerp(bl, br, t));
        let _ = write!(d, "M{:.1} {:.1}L{:.1} {:.1}", a.0, a.1, b.0, b.1);
    }
    for k in 1..4 {
        let t = k as f32 / 4.0;
        let (a, b) = (lerp(tl, bl, t), lerp(tr, br, t));
        let _ = write!(d, "M{:.1} {:.1}L{:.1} {:.1}", a.0, a.1, b.0, b.1);
    }
    let _ = write!(
        s,
        r##"<path d="{d}" fill="none" stroke="#9cc2ef" stroke-width="6"/>"##
    );
    // A translucent glare across the cells.
    s.push_str(r##"<path d="M560 252H660L472 558H372Z" fill="#ffffff" fill-opacity="0.22" stroke="none"/>"##);
    poly(s, &[tl, tr, br, bl], "none");
    400.0
}

fn battery(s: &mut String) -> f32 {
    s.push_str(
        r##"<rect x="306" y="244" width="76" height="64" rx="10" fill="#e4574a"/>
<rect x="588" y="244" width="76" height="64" rx="10" fill="#5b6976"/>
<rect x="236" y="296" width="500" height="64" rx="16" fill="#5b6976"/>
<rect x="252" y="352" width="468" height="392" rx="20" fill="#3d8bd4"/>
<path d="M344 398V454M316 426H372" fill="none" stroke="#ffffff" stroke-width="16"/>
<path d="M598 426H654" fill="none" stroke="#ffffff" stroke-width="16"/>
<rect x="316" y="504" width="340" height="180" rx="18" fill="#24303a"/>
"##,
    );
    for k in 0..4 {
        let x = 340.0 + k as f32 * 76.0;
        let fill = if k < 3 { "#6fd08a" } else { "#3b4752" };
        let _ = write!(
            s,
            r##"<rect x="{x}" y="530" width="58" height="128" rx="8" fill="{fill}" stroke-width="5"/>"##
        );
    }
    s.push_str(
        r##"<path d="M868 640Q868 720 790 720Q750 720 720 700" fill="none" stroke-width="30"/>
<path d="M868 640Q868 720 790 720Q750 720 720 700" fill="none" stroke="#e4574a" stroke-width="14"/>
<rect x="780" y="330" width="190" height="320" rx="22" fill="#dfe5eb"/>
<rect x="806" y="364" width="138" height="84" rx="10" fill="#24303a"/>
<path d="M820 406Q837 378 854 406T888 406T922 406" fill="none" stroke="#6fd08a" stroke-width="7"/>
<path d="M884 476L846 548H880L864 612L918 524H882L902 476Z" fill="#f7c948"/>
<circle cx="818" cy="626" r="8" fill="#6fd08a" stroke-width="4"/>
<circle cx="844" cy="626" r="8" fill="#f7c948" stroke-width="4"/>
"##,
    );
    400.0
}

fn biogas(s: &mut String) -> f32 {
    s.push_str(
        r##"<path d="M130 640H1070V760Q600 800 130 760Z" fill="#9c6b45"/>
<path d="M130 640H1070" fill="none" stroke="#5bb86a" stroke-width="22"/>
<path d="M130 640H1070" fill="none"/>
<path d="M300 640A220 118 0 0 0 740 640Z" fill="#6b4329"/>
"##,
    );
    for (x, y, r) in [
        (420.0, 680.0, 12.0),
        (520.0, 710.0, 9.0),
        (600.0, 672.0, 14.0),
        (480.0, 656.0, 7.0),
        (660.0, 690.0, 8.0),
    ] {
        let _ = write!(
            s,
            r##"<circle cx="{x}" cy="{y}" r="{r}" fill="#c9a27c" stroke="none"/>"##
        );
    }
    // Inlet pipe on the left.
    capsule(s, (260.0, 560.0), (350.0, 700.0), 30.0, "#a7b3bf");
    s.push_str(r##"<path d="M214 520H306L290 566H230Z" fill="#a7b3bf"/>"##);
    // Gas pipe from the dome to the stove.
    tube(s, "M520 440V330H1000V484H960", 20.0, "#a7b3bf");
    s.push_str(
        r##"<path d="M300 640A220 220 0 0 1 740 640Z" fill="#7cc17a"/>
<path d="M340 560Q520 530 700 560M320 600Q520 580 720 600" fill="none" stroke="#4f9a55" stroke-width="8"/>
<path d="M300 640A220 220 0 0 1 740 640" fill="none"/>
<rect x="490" y="410" width="60" height="36" rx="8" fill="#5b6976"/>
<rect x="740" y="308" width="24" height="44" fill="#5b6976"/>
<path d="M720 300H784" fill="none" stroke-width="26"/>
<path d="M720 300H784" fill="none" stroke="#e4574a" stroke-width="12"/>
<rect x="800" y="470" width="160" height="28" rx="8" fill="#5b6976"/>
"##,
    );
    capsule(s, (820.0, 498.0), (810.0, 628.0), 12.0, "#5b6976");
    capsule(s, (940.0, 498.0), (950.0, 628.0), 12.0, "#5b6976");
    drop(s, 880.0, 440.0, 52.0, "#f39c3d");
    drop(s, 880.0, 448.0, 26.0, "#f7c948");
    let _ = write!(
        s,
        r##"<ellipse cx="880" cy="466" rx="46" ry="10" fill="#3d8bd4" stroke-width="5"/>"##
    );
    400.0
}

fn water_treatment(s: &mut String) -> f32 {
    // Tall tank.
    s.push_str(
        r##"<path d="M232 270V700A110 32 0 0 0 452 700V270Z" fill="#3d8bd4"/>
<ellipse cx="342" cy="270" rx="110" ry="32" fill="#9fcdf2"/>
<path d="M232 400A110 32 0 0 0 452 400M232 560A110 32 0 0 0 452 560" fill="none" stroke="#2a6aa8" stroke-width="8"/>
<circle cx="342" cy="480" r="36" fill="#ffffff"/>
<path d="M342 480L362 462" fill="none" stroke="#e4574a" stroke-width="7"/>
<path d="M522 400V700A100 30 0 0 0 722 700V400Z" fill="#c5d0da"/>
<ellipse cx="622" cy="400" rx="100" ry="30" fill="#dfe5eb"/>
<rect x="600" y="470" width="44" height="200" rx="10" fill="#ffffff"/>
<rect x="608" y="560" width="28" height="102" rx="6" fill="#9fcdf2" stroke="none"/>
"##,
    );
    capsule(s, (452.0, 640.0), (522.0, 640.0), 24.0, "#a7b3bf");
    capsule(s, (342.0, 238.0), (342.0, 200.0), 24.0, "#a7b3bf");
    tube(s, "M342 200H480V360H622V370", 24.0, "#a7b3bf");
    tube(s, "M722 450H840V500", 24.0, "#a7b3bf");
    s.push_str(
        r##"<rect x="470" y="616" width="34" height="48" rx="6" fill="#5b6976"/>
<circle cx="487" cy="600" r="22" fill="#e4574a"/>
<rect x="814" y="496" width="52" height="24" rx="6" fill="#5b6976"/>
"##,
    );
    drop(s, 860.0, 660.0, 80.0, "#3d8bd4");
    s.push_str(
        r##"<path d="M818 660A42 42 0 0 0 850 700" fill="none" stroke="#ffffff" stroke-width="12"/>"##,
    );
    rays(
        s,
        (940.0, 560.0),
        (16.0, 36.0),
        (0.0, 270.0, 4),
        "#f7c948",
        10.0,
    );
    380.0
}

fn waste(s: &mut String) -> f32 {
    s.push_str(
        r##"<path d="M284 560C284 530 316 530 316 560V740H284Z" fill="#9fcdf2"/>
<path d="M270 600C270 570 330 570 330 600V744Q330 752 322 752H278Q270 752 270 744Z" fill="#9fcdf2"/>
<rect x="286" y="540" width="28" height="22" rx="4" fill="#3d8bd4"/>
<rect x="272" y="640" width="56" height="46" fill="#ffffff" stroke-width="6"/>
<path d="M420 318H780L752 730H448Z" fill="#5bb86a"/>
<path d="M520 340L530 710M680 340L670 710" fill="none" stroke="#2f8a4a" stroke-width="8"/>
<rect x="392" y="280" width="416" height="52" rx="14" fill="#2f8a4a"/>
<rect x="560" y="252" width="80" height="34" rx="10" fill="#2f8a4a"/>
"##,
    );
    let _ = write!(
        s,
        r##"<circle cx="470" cy="735" r="32" fill="#3b4752"/><circle cx="730" cy="735" r="32" fill="#3b4752"/>"##
    );
    // Three chasing arrows.
    let c = (600.0, 520.0);
    let r = 96.0;
    for k in 0..3 {
        let a0 = -90.0 + 120.0 * k as f32 + 14.0;
        let a1 = a0 + 78.0;
        let (p0, p1) = (polar(c, r, a0), polar(c, r, a1));
        let arc = format!(
            "M{:.1} {:.1}A{r} {r} 0 0 1 {:.1} {:.1}",
            p0.0, p0.1, p1.0, p1.1
        );
        tube(s, &arc, 26.0, "#ffffff");
        let tip = polar(c, r, a1 + 24.0);
        let (o, i) = (polar(c, r + 36.0, a1), polar(c, r - 36.0, a1));
        poly(s, &[o, tip, i], "#ffffff");
    }
    // A can on the right.
    s.push_str(
        r##"<rect x="850" y="660" width="70" height="92" rx="10" fill="#e4574a"/>
<path d="M850 690H920M850 724H920" fill="none" stroke="#ffffff" stroke-width="8"/>
"##,
    );
    360.0
}

fn sensor(s: &mut String) -> f32 {
    s.push_str(
        r##"<path d="M140 632Q600 600 1060 632V770Q600 800 140 770Z" fill="#8a5a3c"/>
"##,
    );
    for x in [220.0, 330.0, 460.0, 760.0, 880.0, 990.0] {
        let _ = write!(
            s,
            r##"<path d="M{} 630L{} 590L{} 628L{} 580L{} 626" fill="#5bb86a" stroke-width="6"/>"##,
            x - 20.0,
            x - 14.0,
            x,
            x + 12.0,
            x + 20.0
        );
    }
    // Rice plants on each side.
    for x in [300.0, 900.0] {
        for (dx, h, lean) in [
            (-20.0, 230.0, -60.0),
            (0.0, 280.0, 10.0),
            (20.0, 240.0, 60.0),
        ] {
            let d = format!(
                "M{} 630Q{} {} {} {}",
                x + dx,
                x + dx,
                630.0 - h * 0.6,
                x + dx + lean,
                630.0 - h
            );
            tube(s, &d, 10.0, "#5bb86a");
        }
    }
    capsule(s, (600.0, 640.0), (600.0, 720.0), 26.0, "#a7b3bf");
    capsule(s, (586.0, 700.0), (586.0, 752.0), 8.0, "#dfe5eb");
    capsule(s, (614.0, 700.0), (614.0, 752.0), 8.0, "#dfe5eb");
    capsule(s, (600.0, 480.0), (600.0, 640.0), 26.0, "#dfe5eb");
    // Signal waves from the antenna.
    let c = (680.0, 196.0);
    for r in [46.0f32, 84.0, 122.0] {
        for (a0, a1) in [(-65.0f32, -10.0f32), (190.0, 245.0)] {
            let (p0, p1) = (polar(c, r, a0), polar(c, r, a1));
            let _ = write!(
                s,
                r##"<path d="M{:.1} {:.1}A{r} {r} 0 0 1 {:.1} {:.1}" fill="none" stroke="#3d8bd4" stroke-width="14"/>"##,
                p0.0, p0.1, p1.0, p1.1
            );
        }
    }
    capsule(s, (660.0, 300.0), (680.0, 200.0), 10.0, "#5b6976");
    s.push_str(
        r##"<circle cx="680" cy="196" r="16" fill="#e4574a"/>
<path d="M506 330H694L672 282H528Z" fill="#2f5fa8"/>
<path d="M566 282L560 330M634 282L640 330M518 306H684" fill="none" stroke="#9cc2ef" stroke-width="5"/>
<rect x="516" y="326" width="168" height="178" rx="22" fill="#ffffff"/>
<rect x="540" y="352" width="120" height="70" rx="8" fill="#24303a"/>
<path d="M552 402L576 384L598 396L622 370L648 380" fill="none" stroke="#6fd08a" stroke-width="7"/>
<circle cx="570" cy="464" r="12" fill="#6fd08a" stroke-width="5"/>
<circle cx="630" cy="464" r="12" fill="#3d8bd4" stroke-width="5"/>
"##,
    );
    0.0
}

fn software(s: &mut String) -> f32 {
    s.push_str(
        r##"<g transform="translate(0 90)"><rect x="296" y="164" width="608" height="412" rx="26" fill="#3b4752"/>
<rect x="326" y="194" width="548" height="350" rx="8" fill="#ffffff"/>
<path d="M334 194H420V544H334Q326 544 326 536V202Q326 194 334 194Z" fill="#2a6aa8" stroke="none"/>
<path d="M346 240H398M346 280H390M346 320H398M346 360H386" fill="none" stroke="#9fcdf2" stroke-width="10"/>
<rect x="440" y="214" width="128" height="68" rx="10" fill="#cfe6fa" stroke-width="5"/>
<rect x="584" y="214" width="128" height="68" rx="10" fill="#d6f0d1" stroke-width="5"/>
<rect x="728" y="214" width="128" height="68" rx="10" fill="#fde6bd" stroke-width="5"/>
<path d="M458 256H530M602 256H660M746 256H820" fill="none" stroke-width="12"/>
<path d="M458 236H500M602 236H640M746 236H790" fill="none" stroke="#8d9ba8" stroke-width="7"/>
<path d="M440 520H640" fill="none" stroke-width="5"/>
"##,
    );
    for (k, h) in [120.0f32, 180.0, 90.0, 200.0].iter().enumerate() {
        let x = 458.0 + k as f32 * 46.0;
        let fill = if k == 3 { "#f39c3d" } else { "#3d8bd4" };
        let _ = write!(
            s,
            r##"<rect x="{x}" y="{}" width="32" height="{h}" rx="4" fill="{fill}" stroke-width="5"/>"##,
            520.0 - h
        );
    }
    s.push_str(
        r##"<rect x="662" y="300" width="194" height="226" rx="10" fill="#f4f7fa" stroke-width="5"/>
<path d="M676 490L716 440L752 462L792 380L840 350" fill="none" stroke="#5bb86a" stroke-width="9"/>
<path d="M676 490L716 440L752 462L792 380L840 350V512H676Z" fill="#5bb86a" fill-opacity="0.2" stroke="none"/>
<circle cx="716" cy="440" r="8" fill="#ffffff" stroke-width="5"/>
<circle cx="792" cy="380" r="8" fill="#ffffff" stroke-width="5"/>
<path d="M236 584H964L1004 640Q1008 660 988 660H212Q192 660 196 640Z" fill="#dfe5eb"/>
<rect x="530" y="584" width="140" height="18" rx="8" fill="#a7b3bf"/></g>
"##,
    );
    430.0
}

fn camera(s: &mut String) -> f32 {
    s.push_str(
        r##"<defs><linearGradient id="view" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#7fbef0" stop-opacity="0.55"/><stop offset="1" stop-color="#7fbef0" stop-opacity="0"/></linearGradient></defs>
<g transform="translate(0 70)"><path d="M890 400L1120 560L960 780Z" fill="url(#view)" stroke="none"/>
<rect x="216" y="360" width="72" height="220" rx="16" fill="#dfe5eb"/>
<circle cx="252" cy="396" r="8" fill="#a7b3bf" stroke-width="5"/>
<circle cx="252" cy="544" r="8" fill="#a7b3bf" stroke-width="5"/>
"##,
    );
    tube(s, "M288 470H470V410", 34.0, "#a7b3bf");
    s.push_str(
        r##"<circle cx="470" cy="410" r="30" fill="#5b6976"/>
<g transform="rotate(16 440 330)">
<rect x="370" y="250" width="450" height="150" rx="46" fill="#ffffff"/>
<path d="M390 300H780" fill="none" stroke="#dfe5eb" stroke-width="10"/>
<rect x="350" y="214" width="520" height="46" rx="16" fill="#dfe5eb"/>
<rect x="800" y="256" width="66" height="140" rx="22" fill="#5b6976"/>
<ellipse cx="866" cy="326" rx="36" ry="60" fill="#24303a"/>
<ellipse cx="872" cy="326" rx="20" ry="36" fill="#3d8bd4"/>
<ellipse cx="878" cy="310" rx="6" ry="10" fill="#ffffff" stroke="none"/>
<circle cx="420" cy="352" r="10" fill="#e4574a" stroke-width="5"/>
</g></g>
"##,
    );
    220.0
}

fn microscope(s: &mut String) -> f32 {
    s.push_str(
        r##"<path d="M632 700V540C660 430 660 340 600 280L680 230C750 320 746 450 720 560V700Z" fill="#3d8bd4"/>
<rect x="360" y="690" width="440" height="60" rx="22" fill="#2a6aa8"/>
<rect x="478" y="600" width="88" height="92" rx="8" fill="#a7b3bf"/>
<circle cx="522" cy="600" r="28" fill="#f7c948"/>
<rect x="380" y="500" width="300" height="36" rx="8" fill="#5b6976"/>
<rect x="430" y="486" width="160" height="16" rx="4" fill="#c8e8fa" stroke-width="6"/>
<path d="M456 486h10M552 486h10" fill="none" stroke-width="6"/>
<circle cx="712" cy="600" r="42" fill="#dfe5eb"/>
<circle cx="712" cy="600" r="18" fill="#a7b3bf"/>
<rect x="496" y="404" width="36" height="70" rx="6" fill="#a7b3bf"/>
<rect x="548" y="398" width="32" height="58" rx="6" fill="#a7b3bf"/>
<path d="M480 370H620L608 410H492Z" fill="#5b6976"/>
<rect x="470" y="250" width="190" height="124" rx="18" fill="#ffffff"/>
<g transform="rotate(-28 520 250)">
<rect x="482" y="120" width="74" height="150" rx="10" fill="#ffffff"/>
<rect x="472" y="96" width="94" height="40" rx="10" fill="#5b6976"/>
</g>
<circle cx="560" cy="312" r="16" fill="#3d8bd4" stroke-width="6"/>
"##,
    );
    320.0
}

fn medical_monitor(s: &mut String) -> f32 {
    s.push_str(
        r##"<rect x="570" y="620" width="60" height="100" fill="#a7b3bf"/>
<rect x="420" y="712" width="360" height="26" rx="12" fill="#5b6976"/>
<circle cx="440" cy="752" r="16" fill="#3b4752"/>
<circle cx="760" cy="752" r="16" fill="#3b4752"/>
<rect x="520" y="150" width="160" height="40" rx="16" fill="none" stroke-width="26"/>
<rect x="520" y="150" width="160" height="40" rx="16" fill="none" stroke="#a7b3bf" stroke-width="12"/>
<rect x="270" y="180" width="660" height="450" rx="34" fill="#dfe5eb"/>
<rect x="306" y="216" width="460" height="378" rx="14" fill="#1f2a33"/>
<path d="M320 330H390L410 300L430 330H460L480 250L506 400L528 330H590L610 300L630 330H660L680 250L706 400L728 330H752" fill="none" stroke="#6fd08a" stroke-width="9"/>
<path d="M320 460Q350 420 380 460T440 460T500 460T560 460T620 460T680 460T740 460" fill="none" stroke="#5fd3f3" stroke-width="8"/>
<path d="M320 550L360 530L400 550L440 530L480 550L520 530L560 550" fill="none" stroke="#f7c948" stroke-width="7"/>
<path d="M700 530H740M700 556H730" fill="none" stroke="#f7c948" stroke-width="9"/>
<rect x="790" y="226" width="110" height="100" rx="12" fill="#3b4752"/>
<circle cx="845" cy="390" r="34" fill="#a7b3bf"/>
<circle cx="845" cy="390" r="12" fill="#5b6976"/>
<circle cx="812" cy="470" r="15" fill="#5bb86a" stroke-width="6"/>
<circle cx="878" cy="470" r="15" fill="#f7c948" stroke-width="6"/>
<circle cx="812" cy="528" r="15" fill="#3d8bd4" stroke-width="6"/>
<circle cx="878" cy="528" r="15" fill="#e4574a" stroke-width="6"/>
"##,
    );
    // A heart on the side panel.
    s.push_str(
        r##"<path d="M845 306C800 276 812 246 830 246C840 246 845 254 845 260C845 254 850 246 860 246C878 246 890 276 845 306Z" fill="#e4574a" stroke-width="5"/>"##,
    );
    340.0
}

fn lab_flask(s: &mut String) -> f32 {
    s.push_str(
        r##"<path d="M432 210V380L290 680Q276 730 326 730H634Q684 730 670 680L528 380V210Z" fill="#e8f5fc"/>
<path d="M387 500H573L668 690Q676 722 640 722H320Q284 722 292 690Z" fill="#7cd3b9" stroke="none"/>
<path d="M387 500H573" fill="none" stroke="#3fae8c" stroke-width="8"/>
<path d="M432 210V380L290 680Q276 730 326 730H634Q684 730 670 680L528 380V210Z" fill="none"/>
<rect x="416" y="190" width="128" height="30" rx="10" fill="#ffffff"/>
<path d="M460 260V340" fill="none" stroke="#ffffff" stroke-width="12"/>
<path d="M350 660L410 540" fill="none" stroke="#ffffff" stroke-width="12"/>
"##,
    );
    for (x, y, r) in [
        (450.0, 640.0, 16.0),
        (520.0, 580.0, 11.0),
        (560.0, 660.0, 9.0),
        (480.0, 430.0, 10.0),
        (500.0, 150.0, 14.0),
        (460.0, 100.0, 10.0),
    ] {
        let _ = write!(
            s,
            r##"<circle cx="{x}" cy="{y}" r="{r}" fill="#ffffff" stroke-width="5"/>"##
        );
    }
    // A rack of test tubes.
    s.push_str(
        r##"<rect x="700" y="520" width="260" height="34" rx="8" fill="#c98f5d"/>
<rect x="712" y="554" width="24" height="180" fill="#a36a3f"/>
<rect x="924" y="554" width="24" height="180" fill="#a36a3f"/>
<rect x="700" y="700" width="260" height="34" rx="8" fill="#c98f5d"/>
"##,
    );
    for (x, fill, level) in [
        (768.0, "#f08aa8", 470.0),
        (830.0, "#f7c948", 420.0),
        (892.0, "#7fbef0", 500.0),
    ] {
        let _ = write!(
            s,
            r##"<path d="M{} 360V640A24 24 0 0 0 {} 640V360Z" fill="#e8f5fc"/>
<path d="M{} {level}V640A20 20 0 0 0 {} 640V{level}Z" fill="{fill}" stroke="none"/>
<path d="M{} 360V640A24 24 0 0 0 {} 640V360Z" fill="none"/>
<rect x="{}" y="344" width="64" height="22" rx="8" fill="#ffffff"/>"##,
            x - 24.0,
            x + 24.0,
            x - 20.0,
            x + 20.0,
            x - 24.0,
            x + 24.0,
            x - 32.0
        );
    }
    s.push_str(r##"<rect x="700" y="604" width="260" height="34" rx="8" fill="#c98f5d"/>"##);
    360.0
}

fn bricks(s: &mut String) -> f32 {
    // A pallet.
    s.push_str(
        r##"<rect x="250" y="690" width="660" height="24" rx="4" fill="#c98f5d"/>
<rect x="270" y="712" width="60" height="38" fill="#a36a3f"/>
<rect x="550" y="712" width="60" height="38" fill="#a36a3f"/>
<rect x="830" y="712" width="60" height="38" fill="#a36a3f"/>
<rect x="250" y="740" width="660" height="18" rx="4" fill="#c98f5d"/>
"##,
    );
    // Bricks in running bond, narrowing to the top.
    let rows: [(f32, usize, f32); 5] = [
        (260.0, 4, 610.0),
        (340.0, 3, 530.0),
        (260.0, 4, 450.0),
        (340.0, 3, 370.0),
        (420.0, 2, 290.0),
    ];
    for (r, &(x0, n, y)) in rows.iter().enumerate() {
        for k in 0..n {
            let x = x0 + k as f32 * 160.0;
            let fill = if (k + r) % 3 == 1 {
                "#d46a4c"
            } else {
                "#c8553d"
            };
            let _ = write!(
                s,
                r##"<rect x="{x}" y="{y}" width="160" height="80" rx="8" fill="{fill}"/>
<path d="M{} {}H{}" fill="none" stroke="#e98c6e" stroke-width="8"/>"##,
                x + 20.0,
                y + 18.0,
                x + 70.0
            );
        }
    }
    // A trowel on the ground beside the stack.
    s.push_str(
        r##"<path d="M936 748H1080L1016 672Z" fill="#c5d0da"/>
<path d="M1016 676L1030 630" fill="none" stroke-width="10"/>
"##,
    );
    capsule(s, (1030.0, 626.0), (1052.0, 566.0), 24.0, "#a36a3f");
    420.0
}

fn concrete(s: &mut String) -> f32 {
    // A cement bag in front, left.
    capsule(s, (430.0, 470.0), (320.0, 740.0), 24.0, "#5b6976");
    capsule(s, (720.0, 470.0), (820.0, 740.0), 24.0, "#5b6976");
    s.push_str(
        r##"<rect x="300" y="720" width="560" height="24" rx="10" fill="#5b6976"/>
<rect x="560" y="520" width="140" height="90" rx="12" fill="#3d8bd4"/>
"##,
    );
    wheel(s, 330.0, 712.0, 48.0, "#a7b3bf");
    s.push_str(
        r##"<g transform="rotate(-26 580 420)">
<path d="M400 350L620 316L800 362V478L620 524L400 490C370 470 370 370 400 350Z" fill="#f39c3d"/>
<path d="M470 340L500 500M560 326L590 512M650 322L680 518" fill="none" stroke="#c46f1a" stroke-width="14"/>
<path d="M400 350L620 316L800 362V478L620 524L400 490C370 470 370 370 400 350Z" fill="none"/>
<ellipse cx="800" cy="420" rx="22" ry="58" fill="#3b4752"/>
<ellipse cx="806" cy="440" rx="12" ry="30" fill="#a7b3bf" stroke="none"/>
<rect x="610" y="300" width="30" height="240" rx="10" fill="#5b6976"/>
</g>
"##,
    );
    // The tilting handwheel: a rim on three spokes.
    let c = (760.0, 560.0);
    let _ = write!(
        s,
        r##"<circle cx="{}" cy="{}" r="46" fill="none" stroke-width="24"/><circle cx="{}" cy="{}" r="46" fill="none" stroke="#5b6976" stroke-width="10"/>"##,
        c.0, c.1, c.0, c.1
    );
    for k in 0..3 {
        let p = polar(c, 44.0, 90.0 + 120.0 * k as f32);
        let _ = write!(
            s,
            r##"<path d="M{} {}L{:.1} {:.1}" stroke="#5b6976" stroke-width="10"/>"##,
            c.0, c.1, p.0, p.1
        );
    }
    let _ = write!(
        s,
        r##"<circle cx="{}" cy="{}" r="14" fill="#e4574a"/>"##,
        c.0, c.1
    );
    s.push_str(
        r##"<path d="M820 610C810 600 840 588 900 590L1010 596C1030 598 1040 610 1036 624L1020 740Q1016 754 1000 754H840Q822 754 822 740Z" fill="#b0bac4"/>
<path d="M840 640H1016" fill="none" stroke="#8d9ba8" stroke-width="6" stroke-dasharray="12 10"/>
<rect x="866" y="664" width="124" height="56" rx="10" fill="#f7c948"/>
<path d="M884 692H972" fill="none" stroke="#c9961c" stroke-width="10"/>
<path d="M190 754Q230 700 280 754Z" fill="#b0bac4"/>
"##,
    );
    420.0
}

fn cnc_machine(s: &mut String) -> f32 {
    // Feet, chip tray and the enclosure with its two sliding doors.
    s.push_str(
        r##"<rect x="262" y="696" width="40" height="56" rx="6" fill="#5b6976"/>
<rect x="718" y="696" width="40" height="56" rx="6" fill="#5b6976"/>
<rect x="250" y="620" width="520" height="90" rx="12" fill="#5b6976"/>
<path d="M280 664H740" fill="none" stroke="#3b4752" stroke-width="10" stroke-dasharray="26 16"/>
<rect x="250" y="160" width="520" height="480" rx="20" fill="#dfe5eb"/>
<path d="M270 160H750Q770 160 770 180V218H250V180Q250 160 270 160Z" fill="#3d8bd4"/>
<rect x="276" y="244" width="220" height="360" rx="12" fill="#a7b3bf"/>
<rect x="524" y="244" width="220" height="360" rx="12" fill="#a7b3bf"/>
<rect x="296" y="266" width="428" height="250" rx="8" fill="#c8e8fa"/>
"##,
    );
    // Inside: the spindle over a workpiece in a vise, chips flying.
    s.push_str(
        r##"<rect x="450" y="266" width="120" height="18" fill="#8d9ba8" stroke="none"/>
<rect x="470" y="274" width="80" height="104" rx="8" fill="#5b6976"/>
<rect x="488" y="376" width="44" height="40" fill="#a7b3bf"/>
<path d="M498 416H522L510 450Z" fill="#f7c948"/>
<rect x="360" y="498" width="300" height="18" fill="#5b6976"/>
<rect x="420" y="456" width="180" height="44" rx="6" fill="#f39c3d"/>
<path d="M470 446L446 420M550 446L574 420M430 440L404 428M590 440L616 428" fill="none" stroke="#f39c3d" stroke-width="7"/>
<rect x="296" y="266" width="428" height="250" rx="8" fill="none"/>
<path d="M330 500L398 288M380 500L436 326" fill="none" stroke="#ffffff" stroke-opacity="0.75" stroke-width="14"/>
<rect x="470" y="534" width="22" height="56" rx="10" fill="#5b6976"/>
<rect x="528" y="534" width="22" height="56" rx="10" fill="#5b6976"/>
"##,
    );
    // The status light tower.
    s.push_str(
        r##"<rect x="282" y="140" width="30" height="24" fill="#5b6976"/>
<rect x="272" y="50" width="50" height="30" rx="8" fill="#e4574a"/>
<rect x="272" y="80" width="50" height="30" rx="8" fill="#f7c948"/>
<rect x="272" y="110" width="50" height="30" rx="8" fill="#5bb86a"/>
"##,
    );
    // The control pendant on its swing arm.
    tube(s, "M770 250H870V300", 22.0, "#a7b3bf");
    s.push_str(
        r##"<rect x="800" y="296" width="150" height="250" rx="18" fill="#3b4752"/>
<rect x="818" y="316" width="114" height="80" rx="8" fill="#7fbef0"/>
<path d="M832 376L856 350L878 366L910 334" fill="none" stroke="#ffffff" stroke-width="7"/>
"##,
    );
    let keys = [
        "#5bb86a", "#f7c948", "#3d8bd4", "#dfe5eb", "#dfe5eb", "#dfe5eb",
    ];
    for (k, fill) in keys.iter().enumerate() {
        let (x, y) = (836.0 + (k % 3) as f32 * 39.0, 424.0 + (k / 3) as f32 * 38.0);
        let _ = write!(
            s,
            r##"<rect x="{}" y="{}" width="28" height="24" rx="6" fill="{fill}" stroke-width="5"/>"##,
            x - 14.0,
            y - 12.0
        );
    }
    s.push_str(r##"<circle cx="875" cy="510" r="20" fill="#e4574a" stroke-width="6"/>"##);
    380.0
}

fn robot_arm(s: &mut String) -> f32 {
    s.push_str(r##"<g transform="translate(-40 0)">"##);
    tube(s, "M520 640Q600 520 660 340", 12.0, "#3b4752");
    s.push_str(
        r##"<rect x="370" y="690" width="280" height="60" rx="12" fill="#5b6976"/>
<path d="M412 690H608L584 580H436Z" fill="#f39c3d"/>
"##,
    );
    capsule(s, (510.0, 560.0), (650.0, 300.0), 86.0, "#f39c3d");
    let _ = write!(
        s,
        r##"<circle cx="510" cy="560" r="72" fill="#f39c3d"/><circle cx="510" cy="560" r="34" fill="#5b6976"/>"##
    );
    capsule(s, (650.0, 300.0), (880.0, 360.0), 64.0, "#f39c3d");
    s.push_str(
        r##"<rect x="560" y="232" width="64" height="110" rx="14" fill="#5b6976"/>
<circle cx="650" cy="300" r="60" fill="#f39c3d"/>
<circle cx="650" cy="300" r="28" fill="#5b6976"/>
<circle cx="880" cy="360" r="44" fill="#5b6976"/>
<rect x="858" y="396" width="44" height="50" fill="#a7b3bf"/>
<rect x="820" y="440" width="120" height="34" rx="8" fill="#3b4752"/>
<path d="M832 474H862V548L846 564H832Z" fill="#a7b3bf"/>
<path d="M928 474H898V548L914 564H928Z" fill="#a7b3bf"/>
<rect x="850" y="500" width="60" height="50" rx="6" fill="#3d8bd4"/>
</g>
"##,
    );
    360.0
}

fn document(s: &mut String) -> f32 {
    s.push_str(
        r##"<g transform="translate(-60 0)">
<path d="M350 150H670L770 250V718Q770 742 746 742H374Q350 742 350 718Z" fill="#ffffff"/>
<path d="M670 150V226Q670 250 694 250H770Z" fill="#dfe5eb"/>
<rect x="402" y="206" width="200" height="26" rx="13" fill="#3d8bd4" stroke="none"/>
"##,
    );
    for (k, w) in [320.0f32, 300.0, 316.0, 260.0, 300.0, 180.0]
        .iter()
        .enumerate()
    {
        let y = 290.0 + k as f32 * 46.0;
        let _ = write!(
            s,
            r##"<rect x="402" y="{y}" width="{w}" height="16" rx="8" fill="#c5d0da" stroke="none"/>"##
        );
    }
    s.push_str(
        r##"<path d="M404 640C420 600 440 600 440 630C440 660 460 600 480 620C490 630 500 640 520 626" fill="none" stroke="#2a6aa8" stroke-width="6"/>
<path d="M640 650L612 760L644 742L664 772L680 660Z" fill="#b83a30"/>
<path d="M700 650L728 760L696 742L676 772L660 660Z" fill="#b83a30"/>
"##,
    );
    let c = (670.0, 620.0);
    let mut pts = Vec::new();
    for k in 0..32 {
        pts.push(polar(
            c,
            if k % 2 == 0 { 76.0 } else { 64.0 },
            k as f32 * 360.0 / 32.0,
        ));
    }
    poly(s, &pts, "#e4574a");
    let _ = write!(
        s,
        r##"<circle cx="670" cy="620" r="44" fill="#f07a6c" stroke="#ffffff" stroke-width="6"/>"##
    );
    s.push_str(r##"<path d="M648 620L664 638L694 604" fill="none" stroke="#ffffff" stroke-width="10"/></g>"##);
    // A light bulb: the idea.
    let c = (900.0, 280.0);
    rays(s, c, (104.0, 140.0), (180.0, 360.0, 7), "#f39c3d", 12.0);
    s.push_str(
        r##"<path d="M860 360C860 330 820 320 820 270A80 80 0 0 1 980 270C980 320 940 330 940 360Z" fill="#f7c948"/>
<path d="M876 350V300L890 286L900 300L910 286L924 300V350" fill="none" stroke="#f39c3d" stroke-width="7"/>
<rect x="862" y="356" width="76" height="22" rx="6" fill="#a7b3bf"/>
<rect x="866" y="376" width="68" height="22" rx="6" fill="#a7b3bf"/>
<path d="M880 398H920L912 414H888Z" fill="#5b6976"/>
<path d="M860 250A44 44 0 0 1 890 216" fill="none" stroke="#ffffff" stroke-width="10"/>
"##,
    );
    380.0
}

fn crate_box(s: &mut String) -> f32 {
    s.push_str(
        r##"<path d="M380 330L440 290H880L820 330Z" fill="#ddb07f"/>
<path d="M820 330L880 290V700L820 740Z" fill="#a36a3f"/>
<rect x="380" y="330" width="440" height="410" fill="#c98f5d"/>
<path d="M380 432H820M380 534H820M380 636H820" fill="none" stroke="#a36a3f" stroke-width="7"/>
<rect x="380" y="330" width="50" height="410" fill="#b57a48"/>
<rect x="770" y="330" width="50" height="410" fill="#b57a48"/>
<path d="M430 700L770 370" fill="none" stroke-width="62"/>
<path d="M430 700L770 370" fill="none" stroke="#b57a48" stroke-width="46"/>
"##,
    );
    for (x, y) in [
        (405.0, 360.0),
        (795.0, 360.0),
        (405.0, 710.0),
        (795.0, 710.0),
    ] {
        let _ = write!(
            s,
            r##"<circle cx="{x}" cy="{y}" r="7" fill="#5b6976" stroke-width="4"/>"##
        );
    }
    330.0
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::data::PICTURES as CODES;

    #[test]
    fn every_drawing_renders_to_a_jpeg_that_decodes() {
        for (n, code) in CODES.iter().enumerate() {
            let bytes = jpeg(code, n as u8);
            let picture = image::load_from_memory_with_format(&bytes, image::ImageFormat::Jpeg)
                .unwrap_or_else(|e| panic!("{code}: {e}"));
            assert_eq!(
                (picture.width(), picture.height()),
                (WIDTH, HEIGHT),
                "{code}"
            );
        }
    }

    #[test]
    fn every_code_has_its_own_drawing() {
        let fallback = svg("no such thing", 0);
        for (i, a) in CODES.iter().enumerate() {
            assert_ne!(svg(a, 0), fallback, "{a} falls back to the crate");
            for b in &CODES[i + 1..] {
                assert_ne!(svg(a, 0), svg(b, 0), "{a} and {b}");
            }
        }
    }

    #[test]
    fn two_drawings_render_differently() {
        assert_ne!(jpeg("pump", 0), jpeg("fish", 0));
    }

    #[test]
    fn the_tint_changes_only_the_background() {
        let (a, b) = (svg("tractor", 0), svg("tractor", 1));
        assert_ne!(a, b);
        let body = |s: &str| s[s.find("<g ").unwrap()..].to_string();
        assert_eq!(body(&a), body(&b));
        assert_eq!(svg("tractor", 9), svg("tractor", 1));
    }
}
