// PNG images for `publish --format png`: the chart's SVG drawn by resvg (@resvg/resvg-js, which the npm registry
// serves with a prebuilt native module per platform) with the machine's own fonts, at the scale of the panel's PNG
// export. Loaded on first use, so that the other commands never load it.
import { PNG_SCALE } from '../core/stats/chart';
import { CLI_MESSAGES as M, cliText } from './text';

type Resvg = typeof import('@resvg/resvg-js');
let library: Promise<Resvg> | undefined;

/**
 * The family the chart's last resort, `sans-serif`, stands for. resvg's own choice, Arial, is on Windows and macOS;
 * Linux desktops and CI images have DejaVu Sans instead (fontconfig's default). Text no family of the list covers
 * (Japanese, say) falls back to any font that has the glyphs.
 */
function sansSerifFamily(): string | undefined {
  return process.platform === 'linux' ? 'DejaVu Sans' : undefined;
}

/** The chart as a PNG file, twice its SVG size. */
export async function svgToPng(svg: string): Promise<Uint8Array> {
  let resvg: Resvg;
  try {
    resvg = await (library ??= import('@resvg/resvg-js'));
  } catch (error) {
    library = undefined;
    throw new Error(cliText(M.pngUnavailable, (error as Error).message));
  }
  const family = sansSerifFamily();
  // resvg falls back to the default family, not to `sans-serif`, when a family of the list is unknown (system-ui).
  const families = family ? { sansSerifFamily: family, defaultFontFamily: family } : {};
  const image = new resvg.Resvg(svg, { fitTo: { mode: 'zoom', value: PNG_SCALE }, font: { loadSystemFonts: true, ...families } });
  return image.render().asPng();
}
