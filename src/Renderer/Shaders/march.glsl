// One ray of the live sampler, as Live/OccupiedRuns.cs and Live/SurfaceMarcher.cs on the CPU, with the same float
// formulas: the Amanatides–Woo walk through the occupancy grid hands out runs of occupied cells; inside each run the
// field is queried at the run's ends and the ray's lattice t = k · marchStep between them, and composited (midpoint raw σ, softplus(σ + bias),
// α = 1 − e^(−σδ), T *= 1 − α + ε) until T < STOP_TRANSMITTANCE; then the band around the median interval is
// re-composited with BAND_SUBDIVISIONS parts per coarse interval, scaled to the coarse opacity. Depths in world units along unit-length rays.
// Departure from the CPU: samples are queried one at a time, only as the walk asks for them (the CPU queries batches
// of 4 ahead of the walk and drops what it does not ask for), and the band's extra samples are queried as the band's
// composite reaches them.
// The results are the same; the kept samples live in invocation-private arrays of MARCH_CAPACITY (the CPU's bound).
#ifndef MARCH_GLSL
#define MARCH_GLSL
#include "live_params.glsl"
#include "field.glsl"
#include "composite.glsl"

// ---- OccupiedRuns ------------------------------------------------------------------------------------------------

struct Runs
{
    ivec3 cell;
    ivec3 stepDir;
    vec3 next;    // depth at which the ray crosses the next cell boundary, per axis
    vec3 delta;   // depth between boundaries, per axis
    float t;
    float end;
    bool done;
};


void runsAxis(float position, float origin, float direction, float half_, inout Runs r, int axis)
{
    float cell = frame.cellSize;
    int index = clamp(int(floor((position + half_) / cell)), 0, GRID - 1);
    r.cell[axis] = index;
    if (direction == 0.0)
    {
        r.stepDir[axis] = 0;
        r.next[axis] = NO_HIT_DEPTH; // +∞: never crosses a boundary on this axis
        r.delta[axis] = NO_HIT_DEPTH;
        return;
    }
    int step_ = direction > 0.0 ? 1 : -1;
    float boundary = float(index + (step_ > 0 ? 1 : 0)) * cell - half_;
    r.stepDir[axis] = step_;
    r.next[axis] = (boundary - origin) / direction;
    r.delta[axis] = cell / abs(direction);
}

Runs runsStart(vec3 origin, vec3 direction, float start, float end)
{
    Runs r;
    r.end = end;
    r.t = start;
    r.done = !(end > start);
    float half_ = 0.5 * frame.boxWarp;
    // The cell holding the segment's start, nudged along the ray: a start exactly on a box face belongs inside.
    vec3 p = origin + (start + 1e-4 * frame.cellSize) * direction;
    runsAxis(p.x, origin.x, direction.x, half_, r, 0);
    runsAxis(p.y, origin.y, direction.y, half_, r, 1);
    runsAxis(p.z, origin.z, direction.z, half_, r, 2);
    return r;
}

void runsAdvance(inout Runs r, float exit_)
{
    r.t = exit_;
    if (!(exit_ < r.end))
    {
        r.done = true;
        return;
    }
    int axis = r.next.x <= r.next.y && r.next.x <= r.next.z ? 0 : (r.next.y <= r.next.z ? 1 : 2);
    r.cell[axis] += r.stepDir[axis];
    r.next[axis] += r.delta[axis];
    r.done = r.cell[axis] < 0 || r.cell[axis] >= GRID;
}

// The next run of occupied cells, clipped to the segment; false once the ray has left the grid or the segment.
bool runsNext(inout Runs r, out float runStart, out float runEnd)
{
    runStart = 0.0;
    runEnd = 0.0;
    bool inRun = false;
    while (!r.done)
    {
        bool occupied = cellOccupied[(r.cell.z * GRID + r.cell.y) * GRID + r.cell.x] != 0u;
        float exit_ = min(min(r.next.x, r.next.y), r.next.z);
        float cellStart = r.t;
        float cellEnd = min(exit_, r.end);
        if (occupied && !inRun)
        {
            inRun = true;
            runStart = cellStart;
        }
        if (occupied)
        {
            runEnd = cellEnd;
        }
        runsAdvance(r, exit_);
        if (inRun && (!occupied || r.done))
        {
            return true;
        }
    }
    return inRun;
}

// ---- SurfaceMarcher ----------------------------------------------------------------------------------------------

// The kept samples (MarchScratch): field value (raw σ, r, g, b) and state (depth, interval weight ending here — 0 where
// a run starts —, opacity and transmittance accumulated up to here).
vec4 marchField[MARCH_CAPACITY];
vec4 marchState[MARCH_CAPACITY];

struct MarchedRay
{
    vec3 colour;     // premultiplied
    float depth;     // median depth; +∞ when empty
    float opacity;
    bool sharp;      // one band holds at least half of the weight
};

MarchedRay marchedEmpty() { return MarchedRay(vec3(0.0), NO_HIT_DEPTH, 0.0, false); }

float intervalAlpha(float nearDepth, float nearRaw, float farDepth, float farRaw)
{
    float density = softplus(0.5 * (nearRaw + farRaw) + frame.densityBias);
    return 1.0 - exp(-density * (farDepth - nearDepth));
}

// Marches every occupied run until the ray is opaque; returns the samples kept, total = their summed weight.
int marchRuns(vec3 origin, vec3 direction, float segmentStart, float segmentEnd, bool leap, out float total)
{
    float step_ = frame.marchStep;
    float transmittance = 1.0;
    total = 0.0;
    int count = 0;
    Runs runs = runsStart(origin, direction, segmentStart, segmentEnd);
    float start;
    float end;
    while (transmittance > STOP_TRANSMITTANCE && runsNext(runs, start, end))
    {
        // The run's ends and the ray's fixed lattice t = k · step between them (SurfaceMarcher.MarchRuns), numbered
        // 0 … last and walked as Live/RunWalk.cs: when leaping, every other point until the first non-empty sample,
        // then every point; the leap that lands on that sample is taken back, the landing sample held and kept after
        // the point it skipped.
        int firstLattice = int(floor(start / step_)) + 1;
        int lattice = max(0, int(ceil(end / step_)) - firstLattice);
        int last = lattice + 1;
        int kept = -1;
        bool leaping = leap;
        int held = -1;
        vec4 heldValue = vec4(0.0);
        while (transmittance > STOP_TRANSMITTANCE)
        {
            int point = kept < 0 ? 0 : (kept >= last ? last + 1 : min(kept + (leaping ? 2 : 1), last));
            if (point > last)
            {
                break;
            }
            float depth = point == 0 ? start : (point <= lattice ? float(firstLattice + point - 1) * step_ : end);
            vec4 value = point == held ? heldValue : queryField(origin + depth * direction);
            if (leaping && !(value.x < frame.emptyRawDensity))
            {
                leaping = false;
                if (point - kept == 2)
                {
                    held = point;
                    heldValue = value;
                    continue;
                }
            }
            kept = point;
            if (count >= MARCH_CAPACITY)
            {
                return count;
            }
            float weight = 0.0;
            if (point > 0)
            {
                float alpha = intervalAlpha(marchState[count - 1].x, marchField[count - 1].x, depth, value.x);
                weight = alpha * transmittance;
                transmittance *= 1.0 - alpha + TRANSMITTANCE_EPSILON;
                total += weight;
            }
            marchField[count] = value;
            marchState[count] = vec4(depth, weight, total, transmittance);
            count++;
        }
    }
    return count;
}

// SurfaceMarcher.Refine: the coarse intervals (bandStart, bandEnd] re-composited with BAND_SUBDIVISIONS parts each,
// from the coarse transmittance at bandStart; the fine weights give the band's shape, scaled to the coarse march's
// amount. The extra samples are kept in the arrays below for the second, scaled pass.
const int BAND_CAPACITY = 3 * BAND_SUBDIVISIONS;
vec4 bandField[BAND_CAPACITY];
float bandDepth[BAND_CAPACITY];
float bandWeight[BAND_CAPACITY];

void refineBand(vec3 origin, vec3 direction, int bandStart, int bandEnd, float target, out vec3 colour, out float median)
{
    float transmittance = marchState[bandStart].w;
    float opacity = 0.0;
    float previousDepth = marchState[bandStart].x;
    vec4 previous = marchField[bandStart];
    int w = 0;
    for (int k = bandStart; k < bandEnd; k++)
    {
        float t0 = marchState[k].x;
        float t1 = marchState[k + 1].x;
        for (int p = 1; p <= BAND_SUBDIVISIONS; p++, w++)
        {
            float nextDepth;
            vec4 next;
            if (p < BAND_SUBDIVISIONS)
            {
                nextDepth = t0 + float(p) * (t1 - t0) / float(BAND_SUBDIVISIONS);
                next = queryField(origin + nextDepth * direction);
            }
            else
            {
                nextDepth = t1;
                next = marchField[k + 1];
            }
            float alpha = intervalAlpha(previousDepth, previous.x, nextDepth, next.x);
            bandWeight[w] = alpha * transmittance;
            bandField[w] = next;
            bandDepth[w] = nextDepth;
            transmittance *= 1.0 - alpha + TRANSMITTANCE_EPSILON;
            opacity += bandWeight[w];
            previousDepth = nextDepth;
            previous = next;
        }
    }
    float before = marchState[bandStart].z;
    float amount = marchState[bandEnd].z - before;
    float scale = opacity > 0.0 ? amount / opacity : 0.0;
    float reached = before;
    bool hasMedian = false;
    median = 0.0;
    colour = vec3(0.0);
    previousDepth = marchState[bandStart].x;
    previous = marchField[bandStart];
    for (int i = 0; i < w; i++)
    {
        float weight = scale * bandWeight[i];
        if (!hasMedian && weight > 0.0 && reached + weight >= target)
        {
            median = previousDepth + (target - reached) / weight * (bandDepth[i] - previousDepth);
            hasMedian = true;
        }
        reached += weight;
        colour += weight * 0.5 * (previous.yzw + bandField[i].yzw);
        previousDepth = bandDepth[i];
        previous = bandField[i];
    }
    if (!hasMedian)
    {
        median = NO_HIT_DEPTH;
    }
}

// SurfaceMarcher.SurfaceBegins: coarse interval i carries the floor's weight by its composited weight, or by the
// density at its far sample where a surface begins late in it (the midpoint rule gives such an interval almost none).
bool surfaceBegins(int i, float floor_)
{
    if (marchState[i].y >= floor_)
    {
        return true;
    }
    // The far sample's raw density at both ends: the interval as dense as its far sample.
    return marchState[i - 1].w * intervalAlpha(marchState[i - 1].x, marchField[i].x, marchState[i].x, marchField[i].x) >= floor_;
}

// SurfaceMarcher.March: a seeded march starts at seed (when inside the segment) and is redone from the segment's
// start if the field is not empty at its first sample.
MarchedRay marchRay(vec3 origin, vec3 direction, float segmentStart, float segmentEnd, bool leap, bool seeded, float seed)
{
    float total;
    int count;
    if (seeded && seed > segmentStart && seed < segmentEnd)
    {
        count = marchRuns(origin, direction, seed, segmentEnd, leap, total);
        if (count > 0 && !(marchField[0].x < frame.emptyRawDensity))
        {
            count = marchRuns(origin, direction, segmentStart, segmentEnd, leap, total);
        }
    }
    else
    {
        count = marchRuns(origin, direction, segmentStart, segmentEnd, leap, total);
    }
    if (!(total >= EMPTY_OPACITY))
    {
        return marchedEmpty();
    }
    float target = 0.5 * total;
    int median = count - 1;
    for (int i = 0; i < count; i++)
    {
        if (marchState[i].y > 0.0 && marchState[i].z >= target)
        {
            median = i;
            break;
        }
    }
    float floor_ = BAND_WEIGHT_SHARE * total;
    int bandStart = median >= 2 && surfaceBegins(median - 1, floor_) ? median - 2 : median - 1;
    int bandEnd = median + 1 < count && marchState[median + 1].y >= floor_ ? median + 1 : median;

    vec3 colour;
    float depth;
    refineBand(origin, direction, bandStart, bandEnd, target, colour, depth);
    for (int i = 1; i < count; i++)
    {
        float w = marchState[i].y;
        if (w == 0.0 || (i > bandStart && i <= bandEnd)) continue;
        colour += w * 0.5 * (marchField[i - 1].yzw + marchField[i].yzw);
    }
    if (depth == NO_HIT_DEPTH)
    {
        // SurfaceMarcher.CoarseMedian: linear inside the coarse median interval.
        int m = max(median, 1);
        float w = marchState[m].y;
        float fraction = clamp((target - marchState[m - 1].z) / w, 0.0, 1.0);
        float t0 = marchState[m - 1].x;
        depth = t0 + fraction * (marchState[m].x - t0);
    }
    float bandOpacity = marchState[bandEnd].z - marchState[bandStart].z;
    return MarchedRay(colour, depth, total, bandOpacity >= 0.5 * total);
}

#endif
