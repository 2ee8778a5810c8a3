using System.Text.Json;
using CareerKit.Editor;
using CareerKit.Newsletter;
using CareerKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CareerKit.Tests.Browser;

/// <summary>
/// The editor desk on a desktop screen and on a phone: every editor page uses the width it gets, nothing makes the
/// page scroll sideways (wide tables scroll inside their own box), the editions tables show their headers in full,
/// the tip picker is a compact list and the chart's labels stay apart. Only pages are read: the desk is seeded once.
/// </summary>
public sealed class EditorDeskLayoutTests(BrowserFixture browser, EditorDeskLayoutTests.Desk desk) : IClassFixture<BrowserFixture>, IClassFixture<EditorDeskLayoutTests.Desk>
{
    public const int Desktop = 1280;
    public const int Phone = 360;

    [Theory]
    [InlineData(Desktop)]
    [InlineData(Phone)]
    public async Task Every_editor_page_fits_the_screen_without_sideways_page_scroll_and_passes_axe(int width)
    {
        var page = await browser.NewPageAsync(width: width, height: 800);
        await page.GotoAsync(desk.Url("/editor"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Editor sign-in" })).ToBeVisibleAsync();
        await AssertFitsAsync(page, width);
        await page.AssertAccessibleAsync();
        await SignInAsync(page);

        foreach (var path in desk.EditorPages)
        {
            var response = await page.GotoAsync(desk.Url(path));
            Assert.True(response!.Ok, $"{path} answered {response.Status}");
            if (Environment.GetEnvironmentVariable("DESK_SHOTS") is { } folder)
            {
                // For a person to look at: DESK_SHOTS=/some/folder keeps a full-page screenshot of each page at each width.
                await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{width}{path.Replace('/', '_').Replace('?', '_')}.png"), FullPage = true });
            }

            await AssertFitsAsync(page, width);
            await page.AssertAccessibleAsync();
        }
    }

    [Fact]
    public async Task On_a_desktop_screen_the_editions_tables_show_every_header_in_full_and_each_subject_on_one_line()
    {
        var page = await SignedInAsync(Desktop, "/editor");

        var mainWidth = await page.EvaluateAsync<double>("document.querySelector('main').getBoundingClientRect().width");
        Assert.True(mainWidth >= 0.9 * Desktop, $"The editor desk uses the screen: main is {mainWidth} px wide on a {Desktop} px screen.");
        var tables = await page.EvaluateAsync<TableLayout[]>(TableLayoutScript);
        Assert.True(tables.Length >= 3, "The drafts table and one table per track are on the page.");
        foreach (var table in tables)
        {
            Assert.True(table.ScrollWidth <= table.ClientWidth, $"Table '{table.Name}' needs {table.ScrollWidth} px in a {table.ClientWidth} px box.");
            Assert.Empty(table.CutHeaders);
            Assert.True(table.SubjectLines.All(lines => lines == 1), $"Subjects of '{table.Name}' wrap: {string.Join(", ", table.SubjectLines)} lines.");
        }

        // The public pages keep their reading column.
        await page.GotoAsync(desk.Url("/"));
        var publicWidth = await page.EvaluateAsync<double>("document.querySelector('main').getBoundingClientRect().width");
        Assert.True(publicWidth <= 720, $"The sign-up page keeps its reading column: {publicWidth} px.");
    }

    [Fact]
    public async Task On_a_phone_a_wide_table_scrolls_inside_its_own_box_that_the_keyboard_can_reach()
    {
        var page = await SignedInAsync(Phone, "/editor");

        var tables = await page.EvaluateAsync<TableLayout[]>(TableLayoutScript);
        var wide = tables.Where(table => table.ScrollWidth > table.ClientWidth).ToList();
        Assert.NotEmpty(wide); // Nine columns of figures do not fit 360 px: they scroll in their box...
        Assert.All(wide, table => Assert.True(table.Focusable, $"The scrolling box of '{table.Name}' can be focused to scroll it with the arrow keys."));
        await AssertFitsAsync(page, Phone); // ...and the page itself does not.
    }

    [Theory]
    [InlineData(Desktop)]
    [InlineData(Phone)]
    public async Task The_tip_picker_is_a_compact_list_with_title_topic_tracks_and_words_and_works_from_the_keyboard(int width)
    {
        var page = await SignedInAsync(width, "/editor/editions/new?track=ml");
        var tip = desk.PickerTip;

        var picker = page.GetByRole(AriaRole.Table, new() { Name = "Tips to pick" });
        var row = picker.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Checkbox, new() { Name = tip.Title, Exact = true }) });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync(tip.Topic);
        await Assertions.Expect(row).ToContainTextAsync(string.Join(", ", tip.Tracks));
        await Assertions.Expect(row.GetByRole(AriaRole.Cell).Filter(new() { HasTextString = TipLibrary.CountWords(tip.Body).ToString(System.Globalization.CultureInfo.InvariantCulture) })).Not.ToHaveCountAsync(0);
        foreach (var header in new[] { "Pick", "Tip", "Topic", "Tracks", "Words" })
        {
            await Assertions.Expect(picker.GetByRole(AriaRole.Columnheader, new() { Name = header, Exact = true })).ToBeVisibleAsync();
        }

        if (width == Desktop)
        {
            var tallRows = await page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('input[name=tipIds]')].map(box => box.closest('tr'))
                  .filter(tr => tr.getBoundingClientRect().height > 2 * parseFloat(getComputedStyle(tr).lineHeight))
                  .map(tr => tr.innerText)
                """);
            Assert.True(tallRows.Length == 0, "Each tip takes one line on a desktop screen: " + string.Join(" | ", tallRows));
        }

        // From the words filter, Tab reaches the first tip's checkbox and Space picks it.
        await page.GetByRole(AriaRole.Button, new() { Name = "Show matching tips" }).FocusAsync();
        for (var presses = 0; presses < 3 && await page.EvaluateAsync<string>("document.activeElement.name") != "tipIds"; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        var focused = page.Locator("input[name=tipIds]:focus");
        await Assertions.Expect(focused).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(focused).ToBeCheckedAsync();
        await AssertFitsAsync(page, width);
    }

    [Theory]
    [InlineData(Desktop)]
    [InlineData(Phone)]
    public async Task The_chart_labels_are_readable_and_do_not_collide(int width)
    {
        var page = await SignedInAsync(width, "/editor");

        var labels = await page.EvaluateAsync<Box[]>("""
            () => [...document.querySelectorAll('figure.chart svg text')].map(text => {
              const r = text.getBoundingClientRect();
              return { text: text.textContent, left: r.left, top: r.top, right: r.right, bottom: r.bottom };
            })
            """);
        var bars = await page.EvaluateAsync<Box[]>("""
            () => [...document.querySelectorAll('figure.chart svg rect')].filter(rect => rect.getBoundingClientRect().height > 0).map(rect => {
              const r = rect.getBoundingClientRect();
              return { text: rect.textContent, left: r.left, top: r.top, right: r.right, bottom: r.bottom };
            })
            """);

        Assert.True(labels.Length >= 2 * EditionChart.MaxEditions, $"Each of the {EditionChart.MaxEditions} latest sent editions is labelled: {labels.Length} labels.");
        Assert.All(labels, label => Assert.True(label.Bottom - label.Top >= 11, $"'{label.Text}' is {label.Bottom - label.Top:0.0} px tall: too small to read."));
        var collisions = labels.SelectMany((label, index) => labels.Skip(index + 1).Concat(bars).Where(label.Overlaps).Select(other => $"'{label.Text}' and '{other.Text}'")).ToList();
        Assert.True(collisions.Count == 0, "Chart labels collide: " + string.Join("; ", collisions));
        await AssertFitsAsync(page, width);
    }

    private async Task<IPage> SignedInAsync(int width, string path)
    {
        var page = await browser.NewPageAsync(width: width, height: 800);
        await page.GotoAsync(desk.Url(path));
        await SignInAsync(page);
        return page;
    }

    private async Task SignInAsync(IPage page)
    {
        await page.GetByLabel("Editor key").FillAsync(desk.Key);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Editor" })).ToBeVisibleAsync();
    }

    /// <summary>The page does not scroll sideways; the message names what sticks out (outside any scrolling box).</summary>
    private static async Task AssertFitsAsync(IPage page, int width)
    {
        var fit = await page.EvaluateAsync<JsonElement>("""
            () => {
              const width = document.documentElement.clientWidth;
              const scrolls = el => { for (let e = el.parentElement; e; e = e.parentElement) { if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(e).overflowX) && e !== document.body && e !== document.documentElement) return true; } return false; };
              const out = [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > width + 0.5 && !scrolls(e))
                .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.replaceAll(' ', '.') : '') + ' ' + Math.round(e.getBoundingClientRect().right) + 'px');
              return { scrollWidth: document.documentElement.scrollWidth, out };
            }
            """);
        var scrollWidth = fit.GetProperty("scrollWidth").GetInt32();
        Assert.True(scrollWidth <= width, $"{page.Url} scrolls sideways at {width} px (content {scrollWidth} px wide): {string.Join(", ", fit.GetProperty("out").EnumerateArray().Select(item => item.GetString()))}");
    }

    /// <summary>Each table in main: its scrolling box, the header cells whose text is cut, and the lines each subject takes.</summary>
    private const string TableLayoutScript = """
        () => [...document.querySelectorAll('main table')].map(table => {
          const box = table.closest('.table-scroll') ?? table.parentElement;
          const area = box.getBoundingClientRect();
          const textOf = node => { const range = document.createRange(); range.selectNodeContents(node); return range; };
          const headers = [...table.querySelectorAll('thead th')];
          const cut = headers.filter(th => { const r = textOf(th).getBoundingClientRect(); return th.scrollWidth > th.clientWidth || r.left < area.left - 0.5 || r.right > area.right + 0.5; }).map(th => th.textContent);
          const subject = headers.findIndex(th => th.textContent.trim() === 'Subject');
          const lines = subject < 0 ? [] : [...table.querySelectorAll('tbody tr')].map(tr => tr.children[subject])
            .map(td => new Set([...textOf(td).getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top))).size);
          return { name: box.getAttribute('aria-label') ?? document.getElementById(box.getAttribute('aria-labelledby') ?? '')?.textContent ?? '', scrollWidth: box.scrollWidth, clientWidth: box.clientWidth, focusable: box.tabIndex >= 0, cutHeaders: cut, subjectLines: lines };
        })
        """;

    // Playwright fills results into settable properties.
    public sealed class TableLayout
    {
        public string Name { get; set; } = "";
        public int ScrollWidth { get; set; }
        public int ClientWidth { get; set; }
        public bool Focusable { get; set; }
        public string[] CutHeaders { get; set; } = [];
        public int[] SubjectLines { get; set; } = [];
    }

    public sealed class Box
    {
        public string Text { get; set; } = "";
        public double Left { get; set; }
        public double Top { get; set; }
        public double Right { get; set; }
        public double Bottom { get; set; }

        public bool Overlaps(Box other) => Left < other.Right - 0.5 && other.Left < Right - 0.5 && Top < other.Bottom - 0.5 && other.Top < Bottom - 0.5;
    }

    /// <summary>
    /// One app with a desk as full as a busy week leaves it: sent editions of both tracks with five-digit figures,
    /// editors' editions with long subjects, subscribers, audit entries.
    /// </summary>
    public sealed class Desk : IAsyncLifetime
    {
        private static readonly DateTimeOffset Start = new(2140, 9, 3, 10, 0, 0, TimeSpan.Zero);

        public CareerKitApp App { get; private set; } = null!;
        public string Key { get; private set; } = null!;
        public Tip PickerTip { get; private set; } = null!;
        public IReadOnlyList<string> EditorPages { get; private set; } = [];

        public string Url(string path) => new Uri(App.BaseAddress, path).AbsoluteUri;

        public async Task InitializeAsync()
        {
            App = await CareerKitApp.StartAsync(new Dictionary<string, string?> { ["CareerKit:TablePrefix"] = $"desk{Guid.NewGuid():N}"[..14] }, clockStart: Start);
            Key = await EditorBrowser.AddEditorAsync(App, "desk-editor-with-a-long-name");
            var seeds = App.Services.GetRequiredService<CuratedTips>().Seeds;
            PickerTip = seeds.First(tip => tip.AppliesTo(Track.Ml));

            foreach (var track in new[] { Track.Ml, Track.Ai })
            {
                for (var year = 2130; year < 2136; year++)
                {
                    await SentEditionAsync(track, year);
                }
            }

            var desk = App.Services.GetRequiredService<EditionDesk>();
            string? firstDraft = null;
            foreach (var subject in new[] { "Feature stores, offline evaluation and the habits that ship models", "Prompt evaluation", "What an AI engineer owns after launch day: monitoring, costs, guardrails" })
            {
                var created = await desk.CreateAsync(new DraftInput("ml", subject, "A short preheader", "This week: **three** habits.", [.. seeds.Where(tip => tip.AppliesTo(Track.Ml)).Take(3).Select(tip => tip.Id)]), "desk-editor-with-a-long-name", CancellationToken.None);
                firstDraft ??= created.Value!.Id;
            }

            EditorPages =
            [
                "/editor", $"/editor/editions/{firstDraft}", $"/editor/editions/{firstDraft}/preview", "/editor/editions/new", "/editor/editions/new?track=ml",
                "/editor/tips", $"/editor/tips/{PickerTip.Id}", "/editor/tips/new", "/editor/subscribers", "/editor/subscribers/import", "/editor/audit",
            ];
        }

        /// <summary>A sent edition with figures in the tens of thousands, as wide as the columns get.</summary>
        private async Task SentEditionAsync(Track track, int year)
        {
            var record = await StoredEditions.StoreAsync(App, track, year);
            await App.Services.GetRequiredService<EditionStore>().MarkQueuedAsync(record, batches: 30, recipients: 24_680, CancellationToken.None);
            var events = App.Services.GetRequiredService<EventRecorder>();
            foreach (var type in new[] { "delivered", "delivered", "open", "click", "bounce", "unsubscribe" })
            {
                await events.RecordAsync(JsonDocument.Parse($$"""{ "event": "{{type}}", "sg_event_id": "{{Guid.NewGuid()}}", "edition_id": "{{record.Id}}" }""").RootElement, CancellationToken.None);
            }
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }
}
